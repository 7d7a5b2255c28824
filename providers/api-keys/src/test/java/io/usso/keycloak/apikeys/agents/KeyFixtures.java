package io.usso.keycloak.apikeys.agents;

/** Fixed keys made with OpenSSL 3, and their key ids computed with {@code openssl pkey -pubin -outform DER | sha256sum}. */
final class KeyFixtures {

    static final String ED25519_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAitjgJhirVfnKfRMnEgPh+pV9vMRDSTQrshXmINEsNX0=
            -----END PUBLIC KEY-----
            """;
    static final String ED25519_KID = "d61a1458d69d37b932c1c9879f07555c5b7a191903c92647968f24f22a920b22";
    /** The 32 raw bytes of {@link #ED25519_PEM}, base64url. */
    static final String ED25519_X = "itjgJhirVfnKfRMnEgPh-pV9vMRDSTQrshXmINEsNX0";

    static final String P256_PEM = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEM8muWR+etmTUyaW4DbdEJSPg/R++
            m2UPFYUZbcYs6m4NOSJDEu31EZJR1r5PQziNp6rsUOnawmmoO7tpwV3VoA==
            -----END PUBLIC KEY-----
            """;
    static final String P256_KID = "d47cca62918093afa7c5970aabc182807e1fe66abb4780e67b8049ec0e8dd672";
    static final String P256_X = "M8muWR-etmTUyaW4DbdEJSPg_R--m2UPFYUZbcYs6m4";
    static final String P256_Y = "DTkiQxLt9RGSUda-T0M4jaeq7FDp2sJpqDu7acFd1aA";

    /** The same P-256 key with a compressed point. */
    static final String P256_COMPRESSED_PEM = """
            -----BEGIN PUBLIC KEY-----
            MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgACM8muWR+etmTUyaW4DbdEJSPg/R++
            m2UPFYUZbcYs6m4=
            -----END PUBLIC KEY-----
            """;

    static final String P384_PEM = """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEHPR5kT7BDldiumOW6NEUhCElLx6+GayO
            6VzeItZRuYv+tfG6X3zcwyu/EG010fB2E3FEwJMy7PhoDICimMc3/46s5EYekwiJ
            NtTNpb9KmG2WLsw/AAMsIc1Qg1THkzf/
            -----END PUBLIC KEY-----
            """;
    static final String SECP256K1_PEM = """
            -----BEGIN PUBLIC KEY-----
            MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAE8lC+kK3ja9BcDPsjtuw882eQ3K+3zPif
            jidxwk0M3Ai0LXKxbT82T3GwyLUjB7MdIstuOzx6Vybot1ZMW+KVRg==
            -----END PUBLIC KEY-----
            """;
    static final String RSA_PEM = """
            -----BEGIN PUBLIC KEY-----
            MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCuBNhWH6dGJYf2n2ah6E0mYKWo
            xHUU1NDhLcqwMUu1LB070TO4pTcS+q3s5Vay2+gwBeikJW1+WuCSp2DHc7Uwdk33
            rd0g8Yr/EEkIM+g6r9v5vq+PZJuQka5U3wyLuNrQRc30og3eak253SxfkoE4VsZk
            QTdTznloTahT8UPESQIDAQAB
            -----END PUBLIC KEY-----
            """;
    static final String RSA_PKCS1_PEM = """
            -----BEGIN RSA PUBLIC KEY-----
            MIGJAoGBAK4E2FYfp0Ylh/afZqHoTSZgpajEdRTU0OEtyrAxS7UsHTvRM7ilNxL6
            rezlVrLb6DAF6KQlbX5a4JKnYMdztTB2Tfet3SDxiv8QSQgz6Dqv2/m+r49km5CR
            rlTfDIu42tBFzfSiDd5qTbndLF+SgThWxmRBN1POeWhNqFPxQ8RJAgMBAAE=
            -----END RSA PUBLIC KEY-----
            """;
    static final String ED448_PEM = """
            -----BEGIN PUBLIC KEY-----
            MEMwBQYDK2VxAzoAyrtHfs0KbgYfRq1pq6+HTIAPp9McrVQso8OVx1Pl4lk6ZLPt
            t1gbdGxNOOzYW+rkfOfb/dNtbz2A
            -----END PUBLIC KEY-----
            """;
    static final String X25519_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VuAyEATRUHLtZEIOQyvTyEraHiLhcLUYW9+bTB+ZLSG+SGOxk=
            -----END PUBLIC KEY-----
            """;
    /** A private key generated for this test run (never a key committed to the repository). */
    static final String ED25519_PRIVATE_PEM = generatedEd25519PrivatePem();
    /** The same private key under a PUBLIC KEY label. */
    static final String ED25519_PRIVATE_AS_PUBLIC_PEM = ED25519_PRIVATE_PEM.replace("PRIVATE KEY", "PUBLIC KEY");

    private static String generatedEd25519PrivatePem() {
        try {
            byte[] der = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()
                    .getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String CERTIFICATE_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBLDCB36ADAgECAhQPByGVoTy42lvLRIYA1me0zIC/AzAFBgMrZXAwDDEKMAgG
            A1UEAwwBdDAeFw0yNjExMjgyMDA4MzJaFw0yNjExMjkyMDA4MzJaMAwxCjAIBgNV
            BAMMAXQwKjAFBgMrZXADIQCK2OAmGKtV+cp9EycSA+H6lX28xENJNCuyFeYg0Sw1
            faNTMFEwHQYDVR0OBBYEFI6u2X6rbKQC5g4Mdobq2CH0B0LeMB8GA1UdIwQYMBaA
            FI6u2X6rbKQC5g4Mdobq2CH0B0LeMA8GA1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EA
            /FcX0tfm+NV6eDxlTKAsmciUe8aEJoT6n2d50DKWTzoDRH/VxGwdQicBkVIPqMpJ
            x2nb6fUQ0WPdCTsWBtWqCg==
            -----END CERTIFICATE-----
            """;

    private KeyFixtures() {
    }
}
