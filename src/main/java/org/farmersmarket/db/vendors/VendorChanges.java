package org.farmersmarket.db.vendors;

import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Changes to a vendor profile; see {@link VendorRepository#update}. An empty field stays as it is; a present blank
 * detail removes what was stored. The slug, the owner and verification are not changed here.
 *
 * @param businessName the new name, not blank
 * @param details the details to change
 */
public record VendorChanges(Optional<String> businessName, VendorDetails details) {

    /**
     * Validates the fields.
     *
     * @throws InvalidInputException naming a field that is null or invalid
     */
    public VendorChanges {
        Arguments.required(businessName, "businessName")
                .ifPresent(name -> Arguments.notBlankText(name, "businessName", NewVendor.MAX_NAME_LENGTH));
        Arguments.required(details, "details");
    }

    /** No changes at all. */
    public static VendorChanges none() {
        return new VendorChanges(Optional.empty(), VendorDetails.none());
    }

    /** These changes plus a new business name. */
    public VendorChanges withBusinessName(String name) {
        return new VendorChanges(Optional.of(Arguments.required(name, "businessName")), details);
    }

    /** These changes with these details changed. */
    public VendorChanges withDetails(VendorDetails changed) {
        return new VendorChanges(businessName, changed);
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return businessName.isEmpty() && details.equals(VendorDetails.none());
    }
}
