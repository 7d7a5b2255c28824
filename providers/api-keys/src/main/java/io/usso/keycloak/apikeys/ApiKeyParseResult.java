package io.usso.keycloak.apikeys;

/**
 * Outcome of {@link ApiKeyFormat#parse(String, String)}: a {@link Valid} key or the reason it was rejected
 * without a database look-up.
 *
 * <p>Java 17 callers can branch on {@link #status()} or use {@code instanceof ApiKeyParseResult.Valid valid}.
 * No variant's {@code toString()} or {@link #description()} contains the presented key.
 */
public sealed interface ApiKeyParseResult
        permits ApiKeyParseResult.Valid, ApiKeyParseResult.Malformed, ApiKeyParseResult.WrongPrefix,
        ApiKeyParseResult.BadChecksum {

    /** Which variant this is. */
    enum Status {
        /** Well-formed, checksum correct, expected prefix: worth a database look-up. */
        OK,
        /** Not shaped like an API key at all; see {@link MalformedReason}. */
        MALFORMED,
        /** Shaped like a key with a correct checksum, but for another prefix (another tenant or an old prefix). */
        WRONG_PREFIX,
        /** Shaped like a key, but the checksum does not match: a typo or a made-up key. */
        BAD_CHECKSUM
    }

    /** Why a presented value is {@link Status#MALFORMED}. */
    enum MalformedReason {
        /** Null or the empty string. */
        EMPTY("the API key is empty"),
        /** Longer than {@value ApiKeyFormat#MAX_PRESENTED_LENGTH} characters. */
        TOO_LONG("the API key is too long"),
        /** A character outside printable ASCII, or outside base62 after the prefix. */
        INVALID_CHARACTER("the API key contains a character that cannot occur in an API key"),
        /** No {@code _} ending a prefix. */
        MISSING_PREFIX("the API key has no prefix"),
        /** The part up to the first {@code _} does not match {@code [a-z][a-z0-9]{1,11}_}. */
        INVALID_PREFIX("the API key prefix is not valid"),
        /** The part after the prefix is not exactly 38 characters long. */
        WRONG_LENGTH("the API key has the wrong length");

        private final String description;

        MalformedReason(String description) {
            this.description = description;
        }

        /** @return a fixed, client-safe sentence fragment */
        public String description() {
            return description;
        }
    }

    /** @return the variant */
    Status status();

    /** @return a fixed, client-safe description that never contains the presented value's secret part */
    String description();

    /** @return whether this is {@link Valid} */
    default boolean isValid() {
        return status() == Status.OK;
    }

    /**
     * A key that passed every offline check. Only {@link ApiKeyFormat} creates instances.
     */
    final class Valid implements ApiKeyParseResult {
        private final String key;
        private final String prefix;
        private final String displayPrefix;

        Valid(String key, String prefix, String displayPrefix) {
            this.key = key;
            this.prefix = prefix;
            this.displayPrefix = displayPrefix;
        }

        /** @return the whole presented key, to be hashed with {@link ApiKeyHasher}; never log it */
        public String key() {
            return key;
        }

        /** @return the tenant prefix, e.g. {@code uss_} */
        public String prefix() {
            return prefix;
        }

        /** @return prefix plus the first secret characters, e.g. {@code uss_Ab3dE9} (safe to log) */
        public String displayPrefix() {
            return displayPrefix;
        }

        @Override
        public Status status() {
            return Status.OK;
        }

        @Override
        public String description() {
            return "the API key is well-formed";
        }

        /** @return the masked form only, never the key */
        @Override
        public String toString() {
            return "Valid[" + ApiKeyFormat.mask(displayPrefix) + "]";
        }
    }

    /**
     * Not shaped like an API key.
     *
     * @param reason why
     */
    record Malformed(MalformedReason reason) implements ApiKeyParseResult {
        @Override
        public Status status() {
            return Status.MALFORMED;
        }

        @Override
        public String description() {
            return reason.description();
        }
    }

    /**
     * A well-formed key with a correct checksum whose prefix is not the expected one.
     *
     * @param presentedPrefix the key's prefix (validated against the prefix grammar, so safe to log and return)
     */
    record WrongPrefix(String presentedPrefix) implements ApiKeyParseResult {
        @Override
        public Status status() {
            return Status.WRONG_PREFIX;
        }

        @Override
        public String description() {
            return "the API key does not belong to this tenant (prefix " + presentedPrefix + ")";
        }
    }

    /** A well-formed key whose checksum does not match. */
    record BadChecksum() implements ApiKeyParseResult {
        @Override
        public Status status() {
            return Status.BAD_CHECKSUM;
        }

        @Override
        public String description() {
            return "the API key checksum does not match (mistyped key?)";
        }
    }
}
