package org.farmersmarket.db.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.catalog.NewProduct;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Pages;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class VendorRepositoryTest {

    private FarmersMarketDb market;
    private VendorRepository vendors;
    private DomainRows rows;

    @BeforeEach
    void setUp(TestDatabase db) {
        market = FarmersMarketDb.using(db.dataSource());
        vendors = market.vendors();
        rows = new DomainRows(db.dsl());
    }

    private static String slug(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void create_storesTheProfile_foundByIdAndSlug() {
        UUID owner = rows.user();
        VendorDetails details = VendorDetails.none()
                .withDescription("Heirloom tomatoes")
                .withContact("farm@example.com", "+1 555 0100")
                .withLocation("Springfield", "IL", "62701");

        Vendor vendor = vendors.create(
                NewVendor.of(owner, "Sunny Farm", slug("sunny-farm")).withDetails(details));

        assertThat(vendor.userId()).isEqualTo(owner);
        assertThat(vendor.businessName()).isEqualTo("Sunny Farm");
        assertThat(vendor.description()).contains("Heirloom tomatoes");
        assertThat(vendor.contactEmail()).contains("farm@example.com");
        assertThat(vendor.phone()).contains("+1 555 0100");
        assertThat(vendor.city()).contains("Springfield");
        assertThat(vendor.region()).contains("IL");
        assertThat(vendor.postalCode()).contains("62701");
        assertThat(vendor.verified()).isFalse();
        assertThat(vendors.findById(vendor.id())).contains(vendor);
        assertThat(vendors.findBySlug(vendor.slug())).contains(vendor);
    }

    @Test
    void create_withATakenSlug_isADuplicate_andForAnUnknownUserNotFound() {
        Vendor vendor = vendors.create(NewVendor.of(rows.user(), "One", slug("one")));

        assertThatThrownBy(() -> vendors.create(NewVendor.of(rows.user(), "Two", vendor.slug())))
                .isInstanceOfSatisfying(
                        DuplicateException.class, e -> assertThat(e.rule()).isEqualTo("vendor_profiles_slug_key"));
        assertThatThrownBy(() -> vendors.create(NewVendor.of(UUID.randomUUID(), "Three", slug("three"))))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
    }

    @Test
    void badInput_isRefusedByName() {
        assertThatThrownBy(() -> NewVendor.of(UUID.randomUUID(), "Farm", "Not A Slug"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("slug"));
        assertThatThrownBy(() -> VendorDetails.none().withContact("not-an-address", ""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("contactEmail"));
        assertThatThrownBy(() -> NewVendor.of(UUID.randomUUID(), " ", "farm"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("businessName"));
    }

    @Test
    void update_changesWhatIsGiven_andABlankDetailRemovesIt() {
        Vendor vendor = vendors.create(NewVendor.of(rows.user(), "Old Name", slug("update"))
                .withDetails(VendorDetails.none().withLocation("Town", "Region", "12345")));

        Vendor changed = vendors.update(
                vendor.id(),
                VendorChanges.none()
                        .withBusinessName("New Name")
                        .withDetails(VendorDetails.none().withLocation("City", "", "54321")));

        assertThat(changed.businessName()).isEqualTo("New Name");
        assertThat(changed.city()).contains("City");
        assertThat(changed.region()).isEmpty();
        assertThat(changed.postalCode()).contains("54321");
        assertThat(vendors.update(vendor.id(), VendorChanges.none())).isEqualTo(changed);
        assertThatThrownBy(() ->
                        vendors.update(UUID.randomUUID(), VendorChanges.none().withBusinessName("x")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.VENDOR));
    }

    @Test
    void verify_marksTheVendor_andListVerifiedShowsOnlyVerifiedOnesBySlug() {
        String tag = slug("verified");
        Vendor a = vendors.create(NewVendor.of(rows.user(), "A", tag + "-a"));
        Vendor b = vendors.create(NewVendor.of(rows.user(), "B", tag + "-b"));
        Vendor c = vendors.create(NewVendor.of(rows.user(), "C", tag + "-c"));

        assertThat(vendors.verify(c.id()).verified()).isTrue();
        assertThat(vendors.verify(c.id()).verified()).isTrue();
        vendors.verify(a.id());

        List<String> verified = slugs(Pages.all(vendors::listVerified, 50));
        List<String> all = slugs(Pages.all(vendors::list, 50));
        assertThat(verified.stream().filter(s -> s.startsWith(tag))).containsExactly(a.slug(), c.slug());
        assertThat(all.stream().filter(s -> s.startsWith(tag))).containsExactly(a.slug(), b.slug(), c.slug());
        assertThat(all).doesNotHaveDuplicates();
        assertThatThrownBy(() -> vendors.verify(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listForVendor_pagesAVendorsProductsNewestFirst() {
        Vendor vendor = vendors.create(NewVendor.of(rows.user(), "Products", slug("products")));
        UUID category = rows.category();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Product product = market.products()
                    .create(NewProduct.draft(
                            vendor.id(), category, "Item " + i, slug("item"), Money.of("1.00", "USD")));
            created.add(0, product.id());
        }

        List<UUID> seen = Pages.all(page -> market.products().listForVendor(vendor.id(), page), 2).stream()
                .map(Product::id)
                .toList();

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThatThrownBy(() -> market.products().listForVendor(UUID.randomUUID(), PageRequest.first(5)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.VENDOR));
        Vendor empty = vendors.create(NewVendor.of(rows.user(), "Empty", slug("empty")));
        assertThat(market.products()
                        .listForVendor(empty.id(), PageRequest.first(5))
                        .items())
                .isEmpty();
    }

    private static List<String> slugs(List<Vendor> vendors) {
        return vendors.stream().map(Vendor::slug).toList();
    }
}
