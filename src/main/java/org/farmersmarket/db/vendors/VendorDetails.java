package org.farmersmarket.db.vendors;

import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * What a vendor tells customers besides its name: every field optional. Start from {@link #none()}. In a new
 * vendor, a blank field counts as none; in {@link VendorChanges}, a present blank field removes what was stored.
 *
 * @param description what the business is about
 * @param contactEmail where customers write to
 * @param phone the phone number
 * @param city the city
 * @param region the region or state
 * @param postalCode the postal code
 */
public record VendorDetails(
        Optional<String> description,
        Optional<String> contactEmail,
        Optional<String> phone,
        Optional<String> city,
        Optional<String> region,
        Optional<String> postalCode) {

    /** The longest description, in characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 5_000;

    /** The longest contact address, in characters. */
    public static final int MAX_EMAIL_LENGTH = 320;

    /** The longest phone number, in characters. */
    public static final int MAX_PHONE_LENGTH = 50;

    /** The longest city or region, in characters. */
    public static final int MAX_PLACE_LENGTH = 100;

    /** The longest postal code, in characters. */
    public static final int MAX_POSTAL_CODE_LENGTH = 20;

    /**
     * Validates every present field (a blank one is allowed: it means "none" or "remove").
     *
     * @throws InvalidInputException naming the first field that is null, too long, or not an address
     */
    public VendorDetails {
        Arguments.required(description, "description")
                .ifPresent(text -> text(text, "description", MAX_DESCRIPTION_LENGTH));
        Arguments.required(contactEmail, "contactEmail")
                .filter(text -> !text.isBlank())
                .ifPresent(text -> Arguments.email(text, "contactEmail", MAX_EMAIL_LENGTH));
        Arguments.required(phone, "phone").ifPresent(text -> text(text, "phone", MAX_PHONE_LENGTH));
        Arguments.required(city, "city").ifPresent(text -> text(text, "city", MAX_PLACE_LENGTH));
        Arguments.required(region, "region").ifPresent(text -> text(text, "region", MAX_PLACE_LENGTH));
        Arguments.required(postalCode, "postalCode")
                .ifPresent(text -> text(text, "postalCode", MAX_POSTAL_CODE_LENGTH));
    }

    private static void text(String value, String field, int maxLength) {
        Arguments.text(value, field, maxLength);
    }

    /** Nothing told. */
    public static VendorDetails none() {
        Optional<String> no = Optional.empty();
        return new VendorDetails(no, no, no, no, no, no);
    }

    /** These details with a description. */
    public VendorDetails withDescription(String text) {
        return new VendorDetails(
                Optional.of(Arguments.required(text, "description")), contactEmail, phone, city, region, postalCode);
    }

    /** These details with a contact address and phone number (a blank one: none). */
    public VendorDetails withContact(String email, String phoneNumber) {
        return new VendorDetails(
                description,
                Optional.of(Arguments.required(email, "contactEmail")),
                Optional.of(Arguments.required(phoneNumber, "phone")),
                city,
                region,
                postalCode);
    }

    /** These details with a place (a blank part: none). */
    public VendorDetails withLocation(String cityName, String regionName, String code) {
        return new VendorDetails(
                description,
                contactEmail,
                phone,
                Optional.of(Arguments.required(cityName, "city")),
                Optional.of(Arguments.required(regionName, "region")),
                Optional.of(Arguments.required(code, "postalCode")));
    }
}
