package org.farmersmarket.db.vendors;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A vendor profile to create; see {@link VendorRepository#create(NewVendor)}.
 *
 * @param userId the user who runs it
 * @param businessName the name shown to customers, not blank
 * @param slug the URL name: lowercase letters and digits joined by single hyphens, unique
 * @param details what else it tells customers, or {@link VendorDetails#none()}
 */
public record NewVendor(UUID userId, String businessName, String slug, VendorDetails details) {

    /** The longest business name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The longest slug, in characters. */
    public static final int MAX_SLUG_LENGTH = 100;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public NewVendor {
        Arguments.required(userId, "userId");
        Arguments.notBlankText(businessName, "businessName", MAX_NAME_LENGTH);
        Arguments.slug(slug, "slug", MAX_SLUG_LENGTH);
        Arguments.required(details, "details");
    }

    /** A vendor with a name and slug and nothing else told. */
    public static NewVendor of(UUID userId, String businessName, String slug) {
        return new NewVendor(userId, businessName, slug, VendorDetails.none());
    }

    /** This vendor with these details. */
    public NewVendor withDetails(VendorDetails newDetails) {
        return new NewVendor(userId, businessName, slug, newDetails);
    }
}
