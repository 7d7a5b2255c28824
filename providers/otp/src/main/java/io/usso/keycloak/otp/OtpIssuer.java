package io.usso.keycloak.otp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * Sends a new code, or explains why not: resend cool-down, a destination the tenant does not allow (SMS country),
 * rate limits and the tenant's budget ({@link OtpRateLimiter}, every limit claimed atomically), delivery failure. A successful send (or a
 * decoy for an unknown identifier, which sends nothing but takes as long and stores a state no code can match)
 * replaces the stored state, so only the newest code works. A failed delivery changes nothing: the previous code
 * (if any) keeps working, no cool-down starts and the identifier's send count is not used up. While the tenant's
 * channel is failing ({@link DeliveryOutage}), an unknown identifier gets the same failure, after about as long as
 * a failed send takes.
 */
public final class OtpIssuer {

    private static final Logger LOG = Logger.getLogger(OtpIssuer.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What happened. */
    public enum Kind {
        /** A code went out (or a decoy was stored). */
        SENT,
        /** The previous code to this destination was sent less than the cool-down ago. */
        COOLDOWN,
        /** A send limit was reached (address, identifier, account or the tenant's hourly budget). */
        RATE_LIMITED,
        /** The destination may not get codes (an SMS to a country the tenant does not allow); nothing counted. */
        REFUSED,
        /** The channel could not deliver. */
        FAILED
    }

    /**
     * @param kind what happened
     * @param seconds seconds to wait ({@link Kind#COOLDOWN}, {@link Kind#RATE_LIMITED}), else 0
     * @param reason machine-readable reason of a refusal or failure (e.g. {@code rate_limited},
     *        {@code tenant_budget}, {@code country_not_allowed}, the gateway's reason), else null
     */
    public record Outcome(Kind kind, long seconds, String reason) {
    }

    /**
     * One send.
     *
     * @param session the session
     * @param realm the tenant
     * @param authSession the authentication session
     * @param channel the channel
     * @param config the tenant's settings
     * @param settings the raw provider config (SMS gateway settings)
     * @param store where the state goes
     * @param purpose {@code login} or {@code verify-phone}
     * @param destination canonical destination (also the rate-limited identifier)
     * @param user the recipient, or null for an unknown identifier (decoy)
     * @param events the event emitter
     */
    public record Request(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
            OtpChannel channel, OtpConfig config, Map<String, String> settings, OtpStore store, String purpose,
            String destination, UserModel user, OtpEvents events) {
    }

    private final OtpCodeGenerator generator;
    private final OtpHasher hasher;
    private final SendTimings timings;

    /**
     * @param generator code generator
     * @param hasher code hasher
     * @param timings send durations of this channel per tenant (decoy delay)
     */
    public OtpIssuer(OtpCodeGenerator generator, OtpHasher hasher, SendTimings timings) {
        this.generator = generator;
        this.hasher = hasher;
        this.timings = timings;
    }

    /**
     * @param request what to send
     * @param now epoch seconds
     * @return the outcome
     */
    public Outcome issue(Request request, long now) {
        OtpConfig config = request.config();
        Optional<OtpState> previous = request.store().read();
        if (previous.isPresent() && previous.get().destination().equals(request.destination())) {
            long wait = previous.get().cooldownRemaining(now, config.resendCooldownSeconds());
            if (wait > 0) {
                return new Outcome(Kind.COOLDOWN, wait, null);
            }
        }
        KeycloakSession session = request.session();
        RealmModel realm = request.realm();
        String channelId = request.channel().id();
        TenantSecuritySettings security = TenantSecuritySettings.of(realm);
        Optional<String> refusal = request.channel().refusal(request.destination(), config, security);
        if (refusal.isPresent()) {
            // a property of the destination, not of an account: known and unknown identifiers get it alike
            request.events().sendFailed(request.user(), OtpEvents.ERROR_NOT_ALLOWED, refusal.get());
            return new Outcome(Kind.REFUSED, 0, refusal.get());
        }
        OtpRateLimiter.Permit permit = new OtpRateLimiter(session.singleUseObjects(), realm.getId(), realm.getName(),
                channelId, config, security).acquire(request.destination(), ClientAddress.limitKeyOf(session),
                request.user() == null ? "identifier:" + request.destination() : "user:" + request.user().getId(),
                request.user() != null, now);
        if (!permit.granted()) {
            request.events().sendFailed(request.user(), OtpEvents.ERROR_RATE_LIMITED, permit.reason());
            return new Outcome(Kind.RATE_LIMITED, permit.retryAfterSeconds(), permit.reason());
        }
        String salt = hasher.newSalt();
        SingleUseObjectProvider singleUse = session.singleUseObjects();
        DeliveryOutage outage = new DeliveryOutage(singleUse, realm.getId(), channelId);
        if (request.user() == null && outage.ongoing()) {
            // the channel is failing for real accounts: answer as a real account would now (no enumeration)
            timings.sleepLikeASend(singleUse, realm.getId(), channelId, SendTimings.Outcome.FAILED);
            permit.refund(now);
            request.events().sendFailed(null, "user_not_found", "unknown_identifier");
            return new Outcome(Kind.FAILED, 0, DeliveryOutage.REASON);
        }
        if (request.user() == null) {
            timings.sleepLikeASend(singleUse, realm.getId(), channelId, SendTimings.Outcome.DELIVERED);
            request.store().write(OtpState.issued("", salt, request.destination(), "", now, config.lifetimeSeconds()));
            request.events().sendFailed(null, "user_not_found", "unknown_identifier");
            return new Outcome(Kind.SENT, 0, null);
        }
        String ip = ClientAddress.of(session);
        String code = generator.generate(config.length());
        String hash = hasher.hash(purposeKey(request.channel(), request.purpose()), code, salt);
        OtpDelivery delivery = new OtpDelivery(session, realm, request.user(), request.authSession(),
                request.destination(), code, config, request.settings(), device(session, ip),
                TIME.format(Instant.ofEpochSecond(now)));
        long started = System.nanoTime();
        try {
            request.channel().deliver(delivery);
        } catch (OtpSendException e) {
            LOG.warnf("Realm %s: one-time code (%s) not delivered: %s (%s)", realm.getName(), channelId, e.reason(),
                    e.getMessage());
            timings.record(singleUse, realm.getId(), channelId, SendTimings.Outcome.FAILED,
                    (System.nanoTime() - started) / 1_000_000);
            permit.refund(now);
            outage.failed();
            request.events().sendFailed(request.user(), OtpEvents.ERROR_SEND_FAILED, e.reason());
            return new Outcome(Kind.FAILED, 0, e.reason());
        }
        timings.record(singleUse, realm.getId(), channelId, SendTimings.Outcome.DELIVERED,
                (System.nanoTime() - started) / 1_000_000);
        outage.delivered();
        request.store().write(OtpState.issued(hash, salt, request.destination(), request.user().getId(), now,
                config.lifetimeSeconds()));
        request.events().sent(request.user());
        return new Outcome(Kind.SENT, 0, null);
    }

    /**
     * @param channel the channel
     * @param purpose what for
     * @return the string codes of that purpose are hashed with
     */
    public static String purposeKey(OtpChannel channel, String purpose) {
        return channel.id() + ":" + purpose;
    }

    private static String device(KeycloakSession session, String ip) {
        String userAgent = session.getContext().getRequestHeaders() == null ? null
                : session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        DeviceInfo device = DeviceInfo.of(userAgent, ip);
        return ip == null ? device.summary() : device.summary() + " (" + ip + ")";
    }
}
