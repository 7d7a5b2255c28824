package io.usso.keycloak.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.usso.keycloak.common.UssoAmr;

/**
 * Turns the authenticators completed in a session into AMR (RFC 8176) values. Pure: no Keycloak types.
 *
 * <ol>
 *   <li>Each completed authenticator contributes its reference value when one is configured and valid,
 *       otherwise the value the table maps its provider id to (unknown ids contribute nothing).</li>
 *   <li>Additional values (recorded by USSO authenticators, federation) follow.</li>
 *   <li>{@code mfa} is appended when the values cover two or more {@link AmrFactorKind}s.</li>
 * </ol>
 * The result is de-duplicated in first-seen order.
 *
 * <p>Table keys are authenticator provider ids; a key ending in {@code *} matches ids with that prefix.
 * Exact keys win over prefixes, longer prefixes over shorter ones, overrides over {@link #BUILT_IN}. An empty
 * value removes an authenticator from the table.
 */
public final class AmrResolver {

    /** Built-in table: authenticator provider id (or prefix with {@code *}) to AMR value. */
    public static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("auth-username-password-form", UssoAmr.PWD),
            Map.entry("auth-password-form", UssoAmr.PWD),
            Map.entry("direct-grant-validate-password", UssoAmr.PWD),
            Map.entry("http-basic-authenticator", UssoAmr.PWD),
            Map.entry("idp-username-password-form", UssoAmr.PWD),
            Map.entry("auth-otp-form", UssoAmr.OTP),
            Map.entry("auth-conditional-otp-form", UssoAmr.OTP),
            Map.entry("direct-grant-validate-otp", UssoAmr.OTP),
            Map.entry("auth-recovery-authn-code-form", UssoAmr.OTP),
            Map.entry("webauthn-authenticator", UssoAmr.HWK),
            Map.entry("webauthn-authenticator-passwordless", UssoAmr.HWK),
            Map.entry("passkeys-authenticator", UssoAmr.HWK),
            Map.entry("auth-x509-client-username-form", UssoAmr.X509),
            Map.entry("direct-grant-auth-x509-username", UssoAmr.X509),
            Map.entry("auth-spnego", "wia"),
            Map.entry("identity-provider-redirector", UssoAmr.FED),
            Map.entry("idp-*", UssoAmr.FED));

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]+\\*?|\\*");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");

    private final Map<String, String> exact = new HashMap<>();
    private final List<Map.Entry<String, String>> prefixes = new ArrayList<>();

    /** A resolver with the built-in table only. */
    public AmrResolver() {
        this(Map.of());
    }

    /**
     * @param overrides entries that replace or extend {@link #BUILT_IN}; an empty value removes an entry
     */
    public AmrResolver(Map<String, String> overrides) {
        Map<String, String> table = new HashMap<>(BUILT_IN);
        table.putAll(overrides);
        Map<String, String> prefixTable = new HashMap<>();
        table.forEach((key, value) -> {
            if (key.endsWith("*")) {
                prefixTable.put(key.substring(0, key.length() - 1), value);
            } else {
                exact.put(key, value);
            }
        });
        prefixTable.forEach((prefix, value) ->
                prefixes.add(new java.util.AbstractMap.SimpleImmutableEntry<>(prefix, value)));
        prefixes.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    }

    /**
     * Parses the {@code amr.mapping} config text: one {@code authenticatorProviderId=amrValue} per line;
     * blank lines and lines starting with {@code #} are ignored. Invalid lines are skipped and described in
     * {@code problems}.
     *
     * @param text the config text, may be null
     * @param problems receives one message per invalid line
     * @return the valid entries in line order
     */
    public static Map<String, String> parseMapping(String text, List<String> problems) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return mapping;
        }
        String[] lines = LINE_BREAK.split(text);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (eq < 0 || !KEY.matcher(key).matches()) {
                problems.add("line " + (i + 1) + ": expected 'authenticatorProviderId=amrValue'");
            } else if (!value.isEmpty() && !UssoAmr.isValid(value)) {
                problems.add("line " + (i + 1) + ": AMR value must match [a-z0-9_-]{1,32}");
            } else {
                mapping.put(key, value);
            }
        }
        return mapping;
    }

    /**
     * @param providerId an authenticator provider id
     * @return the AMR value the table gives it, or empty when unknown or removed
     */
    public Optional<String> amrFor(String providerId) {
        if (providerId == null) {
            return Optional.empty();
        }
        String value = exact.get(providerId);
        if (value == null) {
            value = prefixes.stream().filter(e -> providerId.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * @param completed authenticators completed in the session, in completion order
     * @param additional further values (e.g. recorded by USSO authenticators); invalid ones are ignored
     * @return the AMR values, de-duplicated in first-seen order, plus {@code mfa} when earned
     */
    public List<String> resolve(List<CompletedAuthenticator> completed, Collection<String> additional) {
        Set<String> amr = new LinkedHashSet<>();
        for (CompletedAuthenticator step : completed) {
            String reference = step.referenceValue() == null ? null : step.referenceValue().strip();
            if (UssoAmr.isValid(reference)) {
                amr.add(reference);
            } else {
                amrFor(step.providerId()).ifPresent(amr::add);
            }
        }
        for (String value : additional) {
            if (UssoAmr.isValid(value)) {
                amr.add(value);
            }
        }
        if (isMultiFactor(amr)) {
            amr.add(UssoAmr.MFA);
        }
        return new ArrayList<>(amr);
    }

    /**
     * @param amr AMR values
     * @return whether they cover at least two distinct {@link AmrFactorKind}s
     */
    public static boolean isMultiFactor(Collection<String> amr) {
        Set<AmrFactorKind> kinds = EnumSet.noneOf(AmrFactorKind.class);
        amr.forEach(value -> AmrFactorKind.of(value).ifPresent(kinds::add));
        return kinds.size() >= 2;
    }
}
