package io.usso.keycloak.otp.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * Replaces every {@code ${vault.name}} in a credential setting by the secret from Keycloak's vault, so that gateway
 * keys never sit in the realm's config ({@code Authorization: Bearer ${vault.sms_token}}). Names are
 * {@code [A-Za-z0-9_.-]+}. A reference the vault cannot resolve is an error ({@code vault_secret_missing}), never
 * sent as is.
 *
 * <p>Only credential fields are resolved: the Kavenegar API key, and in {@code http-json} the values of the
 * {@code Authorization} header and of headers whose name ends in {@code Key}, {@code Token} or {@code Secret}
 * ({@link HttpJsonSmsSender#isCredentialHeader}). Anywhere else (gateway URL, base URL, other headers, body
 * template, sender line, template name) a reference is refused ({@link #refuse}, {@code vault_reference_not_allowed}):
 * a tenant admin must not be able to copy a vault secret into a URL, a body or a header the gateway logs or
 * echoes.
 */
public final class VaultRefs {

    private static final String OPEN = "${vault.";

    private VaultRefs() {
    }

    /**
     * @param value a setting that is not a credential field, may be null
     * @param field its name, for the message
     * @return the value unchanged
     * @throws SmsSendException ({@code vault_reference_not_allowed}) when it holds a {@code ${vault.…}} reference
     *         (in any letter case)
     */
    public static String refuse(String value, String field) throws SmsSendException {
        if (value != null && value.toLowerCase(Locale.ROOT).contains(OPEN)) {
            throw new SmsSendException("vault_reference_not_allowed", field + " may not hold ${vault.…} references: "
                    + "only credential fields (the API key, the Authorization header, headers named *Key, *Token, "
                    + "*Secret) are resolved from the vault");
        }
        return value;
    }

    /**
     * @param value a credential setting, may be null
     * @param vault the session's vault
     * @return the value with every reference resolved
     * @throws SmsSendException when a reference cannot be resolved
     */
    public static String resolve(String value, VaultTranscriber vault) throws SmsSendException {
        return resolve(value, name -> {
            try (VaultStringSecret secret = vault.getStringSecret(OPEN + name + "}")) {
                return secret.get();
            }
        });
    }

    /**
     * @param value a credential setting, may be null
     * @param lookup vault name to secret
     * @return the value with every reference resolved
     * @throws SmsSendException when a reference cannot be resolved
     */
    public static String resolve(String value, Function<String, Optional<String>> lookup) throws SmsSendException {
        if (value == null || !value.contains(OPEN)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        while (true) {
            int start = value.indexOf(OPEN, from);
            if (start < 0) {
                out.append(value, from, value.length());
                return out.toString();
            }
            int end = value.indexOf('}', start);
            String name = end < 0 ? "" : value.substring(start + OPEN.length(), end);
            if (!validName(name)) {
                throw new SmsSendException("vault_reference_invalid", "malformed ${vault.…} reference in SMS settings");
            }
            Optional<String> secret = lookup.apply(name);
            if (secret == null || secret.isEmpty()) {
                throw new SmsSendException("vault_secret_missing", "vault secret '" + name + "' not found");
            }
            out.append(value, from, start).append(secret.get());
            from = end + 1;
        }
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 128) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
