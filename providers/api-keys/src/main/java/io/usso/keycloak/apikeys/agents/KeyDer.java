package io.usso.keycloak.apikeys.agents;

import java.util.Arrays;

/**
 * Reads just enough DER to tell what a key blob is before any {@code KeyFactory} sees it: a public key
 * (X.509 SubjectPublicKeyInfo) of which algorithm and curve, or a private key (PKCS#8) sent by mistake. Also
 * builds the SubjectPublicKeyInfo of the two key types agents use from their raw JWK coordinates. Never throws on
 * malformed input: {@link #identify} answers {@link KeyKind#UNREADABLE}.
 */
final class KeyDer {

    /** What a DER blob holds. */
    enum KeyKind {
        ED25519("an Ed25519 key"), P256("a P-256 EC key"), P384("a P-384 EC key"), P521("a P-521 EC key"),
        SECP256K1("a secp256k1 EC key"), OTHER_EC("an EC key on an unsupported curve"), ED448("an Ed448 key"),
        X25519("an X25519 (key agreement) key"), X448("an X448 (key agreement) key"), RSA("an RSA key"),
        DSA("a DSA key"), OTHER("a key of an unsupported type"), PRIVATE_KEY("a private key"),
        UNREADABLE("not a readable public key");

        private final String description;

        KeyKind(String description) {
            this.description = description;
        }

        /** @return how an error message names this kind, e.g. "an RSA key" */
        String description() {
            return description;
        }
    }

    // Object identifier contents (without tag and length).
    private static final byte[] OID_ED25519 = {0x2B, 0x65, 0x70};
    private static final byte[] OID_ED448 = {0x2B, 0x65, 0x71};
    private static final byte[] OID_X25519 = {0x2B, 0x65, 0x6E};
    private static final byte[] OID_X448 = {0x2B, 0x65, 0x6F};
    private static final byte[] OID_EC = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] OID_P256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final byte[] OID_P384 = {0x2B, (byte) 0x81, 0x04, 0x00, 0x22};
    private static final byte[] OID_P521 = {0x2B, (byte) 0x81, 0x04, 0x00, 0x23};
    private static final byte[] OID_SECP256K1 = {0x2B, (byte) 0x81, 0x04, 0x00, 0x0A};
    private static final byte[] OID_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] OID_RSA_PSS = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0A};
    private static final byte[] OID_DSA = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x38, 0x04, 0x01};

    /** SubjectPublicKeyInfo of an Ed25519 key up to the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03,
            0x21, 0x00};
    /** SubjectPublicKeyInfo of a P-256 key up to the uncompressed point (0x04 || X || Y). */
    private static final byte[] P256_SPKI_PREFIX = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, (byte) 0x86, 0x48,
            (byte) 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07,
            0x03, 0x42, 0x00, 0x04};

    private static final int TAG_SEQUENCE = 0x30;
    private static final int TAG_INTEGER = 0x02;
    private static final int TAG_OID = 0x06;
    private static final int TAG_BIT_STRING = 0x03;
    private static final int TAG_OCTET_STRING = 0x04;

    private KeyDer() {
    }

    /**
     * @param der a DER blob, may be anything
     * @return what it is; {@link KeyKind#UNREADABLE} for anything that is neither a SubjectPublicKeyInfo nor a
     *         PKCS#8 private key (trailing bytes included)
     */
    static KeyKind identify(byte[] der) {
        try {
            Reader outer = new Reader(der, 0, der.length);
            Reader body = outer.enter(TAG_SEQUENCE);
            if (!outer.atEnd()) {
                return KeyKind.UNREADABLE;
            }
            if (body.peekTag() == TAG_INTEGER) {
                // PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version, algorithm, OCTET STRING privateKey, ...
                body.skip(TAG_INTEGER);
                body.skip(TAG_SEQUENCE);
                body.skip(TAG_OCTET_STRING);
                return KeyKind.PRIVATE_KEY;
            }
            Reader algorithm = body.enter(TAG_SEQUENCE);
            body.skip(TAG_BIT_STRING);
            if (!body.atEnd()) {
                return KeyKind.UNREADABLE;
            }
            byte[] oid = algorithm.read(TAG_OID);
            byte[] curve = !algorithm.atEnd() && algorithm.peekTag() == TAG_OID ? algorithm.read(TAG_OID) : null;
            return kindOf(oid, curve);
        } catch (IllegalArgumentException e) {
            return KeyKind.UNREADABLE;
        }
    }

    private static KeyKind kindOf(byte[] oid, byte[] curve) {
        if (Arrays.equals(oid, OID_ED25519)) {
            return KeyKind.ED25519;
        } else if (Arrays.equals(oid, OID_ED448)) {
            return KeyKind.ED448;
        } else if (Arrays.equals(oid, OID_X25519)) {
            return KeyKind.X25519;
        } else if (Arrays.equals(oid, OID_X448)) {
            return KeyKind.X448;
        } else if (Arrays.equals(oid, OID_RSA) || Arrays.equals(oid, OID_RSA_PSS)) {
            return KeyKind.RSA;
        } else if (Arrays.equals(oid, OID_DSA)) {
            return KeyKind.DSA;
        } else if (Arrays.equals(oid, OID_EC)) {
            if (Arrays.equals(curve, OID_P256)) {
                return KeyKind.P256;
            } else if (Arrays.equals(curve, OID_P384)) {
                return KeyKind.P384;
            } else if (Arrays.equals(curve, OID_P521)) {
                return KeyKind.P521;
            } else if (Arrays.equals(curve, OID_SECP256K1)) {
                return KeyKind.SECP256K1;
            }
            return KeyKind.OTHER_EC;
        }
        return KeyKind.OTHER;
    }

    /**
     * @param x the 32 bytes of an Ed25519 public key
     * @return its SubjectPublicKeyInfo
     */
    static byte[] ed25519Spki(byte[] x) {
        return concat(ED25519_SPKI_PREFIX, x);
    }

    /**
     * @param spki the canonical SubjectPublicKeyInfo of an Ed25519 key (44 bytes)
     * @return the 32 key bytes (the JWK {@code x})
     */
    static byte[] ed25519Raw(byte[] spki) {
        if (spki.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(Arrays.copyOf(spki, ED25519_SPKI_PREFIX.length), ED25519_SPKI_PREFIX)) {
            throw new IllegalArgumentException("not a canonical Ed25519 SubjectPublicKeyInfo");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /**
     * @param x the 32-byte X coordinate
     * @param y the 32-byte Y coordinate
     * @return the SubjectPublicKeyInfo of that P-256 point (uncompressed, named curve)
     */
    static byte[] p256Spki(byte[] x, byte[] y) {
        return concat(P256_SPKI_PREFIX, concat(x, y));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A cursor over DER elements in {@code [pos, end)}; every method throws IllegalArgumentException on bad input. */
    private static final class Reader {
        private final byte[] der;
        private int pos;
        private final int end;

        Reader(byte[] der, int pos, int end) {
            this.der = der;
            this.pos = pos;
            this.end = end;
        }

        boolean atEnd() {
            return pos == end;
        }

        int peekTag() {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated");
            }
            return der[pos] & 0xFF;
        }

        /** Reads one element with the given tag and returns a reader over its contents. */
        Reader enter(int tag) {
            int[] span = element(tag);
            return new Reader(der, span[0], span[1]);
        }

        byte[] read(int tag) {
            int[] span = element(tag);
            return Arrays.copyOfRange(der, span[0], span[1]);
        }

        void skip(int tag) {
            element(tag);
        }

        private int[] element(int tag) {
            if (peekTag() != tag) {
                throw new IllegalArgumentException("unexpected tag");
            }
            pos++;
            if (pos >= end) {
                throw new IllegalArgumentException("truncated");
            }
            int first = der[pos++] & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 4) {
                    throw new IllegalArgumentException("unsupported length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    if (pos >= end) {
                        throw new IllegalArgumentException("truncated");
                    }
                    length = (length << 8) | (der[pos++] & 0xFF);
                }
            }
            if (length > end - pos) {
                throw new IllegalArgumentException("truncated");
            }
            int start = pos;
            pos += (int) length;
            return new int[] {start, pos};
        }
    }
}
