package io.usso.keycloak.loginflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The rules of the "Login methods" tab without Keycloak's runtime: fields, validation, and the realm attributes a
 * save writes. Form keys have no dots (the admin console reads dots as nested paths).
 */
public final class LoginMethodsForm {

    /** Form key: the enabled methods, a comma list. */
    public static final String METHODS = "methods";
    /** Form key: the second-factor policy. */
    public static final String SECOND_FACTOR = "secondFactor";

    private LoginMethodsForm() {
    }

    /** @return the tab's fields */
    public static List<ProviderConfigProperty> properties() {
        String names = String.join(", ", Arrays.stream(LoginMethod.values()).map(LoginMethod::id).toList());
        return ProviderConfigurationBuilder.create()
                .property().name(METHODS).label("Sign-in methods")
                .helpText("Comma list of the methods offered after the username, in this order of preference: "
                        + names + ". Empty = " + LoginMethodSettings.DEFAULT_METHODS
                        + " (sms-otp needs an SMS gateway, qr-login the signed-in phone app).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(LoginMethodSettings.DEFAULT_METHODS).add()
                .property().name(SECOND_FACTOR).label("Second factor")
                .helpText("off = never; optional = users who set up a one-time-code app or security key are asked "
                        + "for it; required = everyone, users without one set up a one-time-code app at their next "
                        + "sign-in. A passkey sign-in counts as both factors.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(SecondFactorPolicy.values()).map(SecondFactorPolicy::id).toList())
                .defaultValue(LoginMethodSettings.DEFAULT_SECOND_FACTOR.id()).add()
                .build();
    }

    /**
     * @param form form key to submitted value
     * @return what is wrong, one message per problem (empty when the form can be saved)
     */
    public static List<String> problems(Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        String methods = form.get(METHODS);
        List<String> unknown = LoginMethodSettings.unknownMethods(methods);
        if (!unknown.isEmpty()) {
            problems.add("Sign-in methods: unknown " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", Arrays.stream(LoginMethod.values()).map(LoginMethod::id).toList()) + ")");
        } else if (methods != null && !methods.isBlank() && LoginMethodSettings.parseMethods(methods).isEmpty()) {
            problems.add("Sign-in methods: name at least one method");
        }
        String secondFactor = form.get(SECOND_FACTOR);
        if (secondFactor != null && !secondFactor.isBlank() && SecondFactorPolicy.of(secondFactor).isEmpty()) {
            problems.add("Second factor must be off, optional or required");
        }
        return problems;
    }

    /**
     * @param form a valid form
     * @return realm attribute to value, null = remove (the default)
     */
    public static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String methods = form.get(METHODS);
        attributes.put(LoginMethodSettings.METHODS, methods == null || methods.isBlank() ? null
                : LoginMethodSettings.parse(methods, null).methodsAttribute());
        String secondFactor = form.get(SECOND_FACTOR);
        attributes.put(LoginMethodSettings.SECOND_FACTOR, secondFactor == null || secondFactor.isBlank() ? null
                : SecondFactorPolicy.of(secondFactor).map(SecondFactorPolicy::id).orElse(null));
        return attributes;
    }
}
