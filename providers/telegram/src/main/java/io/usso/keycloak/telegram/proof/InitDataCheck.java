package io.usso.keycloak.telegram.proof;

/** The outcome of {@link InitDataVerifier#verify}: the verified data, or why it was refused. */
public sealed interface InitDataCheck {

    /**
     * @param data the accepted data
     */
    record Verified(InitData data) implements InitDataCheck {
    }

    /**
     * @param failure why it was refused
     */
    record Refused(InitDataFailure failure) implements InitDataCheck {
    }
}
