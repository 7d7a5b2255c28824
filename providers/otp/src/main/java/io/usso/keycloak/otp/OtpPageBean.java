package io.usso.keycloak.otp;

/**
 * What the {@code usso-otp*.ftl} login pages show, as attribute {@value #ATTRIBUTE} (a bean: FreeMarker reads the
 * getters). Holds no secret: the destination is either what the person typed or masked.
 */
public final class OtpPageBean {

    /** Template attribute name. */
    public static final String ATTRIBUTE = "ussoOtp";

    private final String channel;
    private final String destination;
    private final int length;
    private final long cooldown;
    private final int attemptsLeft;
    private final int maxAttempts;
    private final boolean firstFactor;
    private final String identifier;
    private final boolean changeable;

    /**
     * @param channel {@code email} or {@code sms}
     * @param destination where the code went, as shown
     * @param length digits of the code
     * @param cooldown seconds until "send a new code" works
     * @param attemptsLeft attempts left on the current code
     * @param maxAttempts attempts per code
     * @param firstFactor whether the person typed the identifier on this flow (offers "use another")
     * @param identifier the identifier to pre-fill on the identifier page
     */
    public OtpPageBean(String channel, String destination, int length, long cooldown, int attemptsLeft,
            int maxAttempts, boolean firstFactor, String identifier) {
        this(channel, destination, length, cooldown, attemptsLeft, maxAttempts, firstFactor, identifier, false);
    }

    /**
     * @param channel {@code email} or {@code sms}
     * @param destination where the code went, as shown
     * @param length digits of the code
     * @param cooldown seconds until "send a new code" works
     * @param attemptsLeft attempts left on the current code
     * @param maxAttempts attempts per code
     * @param firstFactor whether the person typed the identifier on this flow (offers "use another")
     * @param identifier the identifier to pre-fill on the identifier page
     * @param changeable whether the code page offers "use another number" as a form action (required action)
     */
    public OtpPageBean(String channel, String destination, int length, long cooldown, int attemptsLeft,
            int maxAttempts, boolean firstFactor, String identifier, boolean changeable) {
        this.channel = channel;
        this.destination = destination == null ? "" : destination;
        this.length = length;
        this.cooldown = Math.max(0, cooldown);
        this.attemptsLeft = attemptsLeft;
        this.maxAttempts = maxAttempts;
        this.firstFactor = firstFactor;
        this.identifier = identifier == null ? "" : identifier;
        this.changeable = changeable;
    }

    /** @return {@code email} or {@code sms} */
    public String getChannel() {
        return channel;
    }

    /** @return where the code went, as shown */
    public String getDestination() {
        return destination;
    }

    /** @return digits of the code */
    public int getLength() {
        return length;
    }

    /** @return seconds until a new code may be requested */
    public long getCooldown() {
        return cooldown;
    }

    /** @return attempts left on the current code */
    public int getAttemptsLeft() {
        return attemptsLeft;
    }

    /** @return attempts per code */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** @return whether the identifier was typed in this flow */
    public boolean isFirstFactor() {
        return firstFactor;
    }

    /** @return whether the code page offers a "use another number" form action */
    public boolean isChangeable() {
        return changeable;
    }

    /** @return the identifier to pre-fill */
    public String getIdentifier() {
        return identifier;
    }
}
