package io.usso.keycloak.common.geo;

import java.util.Locale;

/**
 * A coarse place from the GeoIP table.
 *
 * @param country ISO 3166 alpha-2 code, upper case
 * @param city city name as in the table, may be null
 */
public record GeoPlace(String country, String city) {

    /**
     * @param locale the reader's language
     * @return e.g. {@code Amsterdam, Netherlands} (country name in that language)
     */
    public String describe(Locale locale) {
        String name = countryName(locale);
        return city == null ? name : city + ", " + name;
    }

    /**
     * @param locale the reader's language
     * @return the country's name in that language (the code when Java knows none)
     */
    public String countryName(Locale locale) {
        String name = new Locale("", country).getDisplayCountry(locale);
        return name == null || name.isBlank() ? country : name;
    }
}
