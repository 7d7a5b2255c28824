package io.usso.keycloak.otp.sms;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OperatorNetworks;
import io.usso.keycloak.common.http.OutboundHttpException;
import io.usso.keycloak.common.http.OutboundHttpGuard;
import io.usso.keycloak.common.http.OutboundPolicy;
import io.usso.keycloak.common.http.OutboundRequest;
import io.usso.keycloak.common.http.OutboundResponse;

/**
 * One POST to an SMS gateway through USSO's {@link OutboundHttpGuard}: only to a host on the sender's
 * {@code allowed-hosts} (empty: every send fails), never to a private, loopback or link-local address unless the
 * operator allowed that network, no redirects, the sender's timeout for the whole exchange, a bounded answer.
 * Failures become {@link SmsSendException}s whose reasons and messages hold no secrets (the URL may carry an API key:
 * only its host is ever named).
 */
public final class GatewayHttp {

    /** Longest response body read. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024;

    private final OutboundHttpGuard guard;
    private final AllowList allowedHosts;
    private final String allowedHostsOption;

    /**
     * @param guard the sender factory's guard (never closed here)
     * @param allowedHosts the hosts gateway URLs may point to; empty = none
     * @param allowedHostsOption the server option that sets them, named in messages for the operator
     */
    public GatewayHttp(OutboundHttpGuard guard, AllowList allowedHosts, String allowedHostsOption) {
        this.guard = guard;
        this.allowedHosts = allowedHosts;
        this.allowedHostsOption = allowedHostsOption;
    }

    /**
     * A gateway answer.
     *
     * @param status HTTP status
     * @param body the first {@value #MAX_RESPONSE_BYTES} bytes of the body as UTF-8
     */
    public record Answer(int status, String body) {
    }

    /**
     * @param url the gateway URL (http or https)
     * @param headers request headers
     * @param body the body
     * @param contentType its content type
     * @param timeoutMs longest time the whole exchange may take (connecting included)
     * @return the answer (any status but a redirect)
     * @throws SmsSendException on a bad URL ({@code not_configured}), a host or port not allowed
     *         ({@code host_not_allowed}, {@code port_not_allowed}), a non-public address
     *         ({@code address_not_allowed}), a redirect ({@code redirect_refused}), {@code unknown_host},
     *         {@code timeout} or {@code io_error}
     */
    public Answer post(String url, Map<String, String> headers, String body, String contentType, int timeoutMs)
            throws SmsSendException {
        if (url == null || url.isBlank()) {
            throw new SmsSendException("not_configured", "no SMS gateway URL configured");
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        OutboundPolicy policy = OutboundPolicy.allowing(allowedHosts).withConnectTimeout(timeout)
                .withTotalTimeout(timeout).withMaxResponseBytes(MAX_RESPONSE_BYTES);
        try {
            OutboundResponse response = guard.send(OutboundRequest.post(url, headers,
                    body.getBytes(StandardCharsets.UTF_8), contentType), policy);
            return new Answer(response.status(), response.text());
        } catch (OutboundHttpException e) {
            throw new SmsSendException(reason(e.reason()), message(e, timeoutMs), e);
        }
    }

    private static String reason(OutboundHttpException.Reason reason) {
        return reason == OutboundHttpException.Reason.INVALID_REQUEST ? "not_configured" : reason.code();
    }

    private String message(OutboundHttpException e, int timeoutMs) {
        String host = e.host() == null ? "?" : e.host();
        return switch (e.reason()) {
            case INVALID_REQUEST -> "SMS gateway URL or headers not usable: " + e.getMessage();
            case HOST_NOT_ALLOWED -> allowedHosts.isEmpty()
                    ? "no SMS gateway host is allowed on this server, so every send fails: the operator lists the "
                            + "gateway's host in " + allowedHostsOption + " (host " + host + ")"
                    : "SMS gateway host " + host + " is not in the server's " + allowedHostsOption;
            case PORT_NOT_ALLOWED -> "SMS gateway port is not allowed for host " + host + " (an entry of "
                    + allowedHostsOption + " without :port allows 80 and 443 only)";
            case ADDRESS_NOT_ALLOWED -> "SMS gateway host " + host + " resolves to a private, loopback or link-local "
                    + "address; an operator allows internal networks with " + OperatorNetworks.PROPERTY + " / "
                    + OperatorNetworks.ENVIRONMENT;
            case REDIRECT_REFUSED -> "SMS gateway " + host + " answered with a redirect, which is not followed";
            case TIMEOUT -> "SMS gateway did not answer within " + timeoutMs + " ms";
            case UNKNOWN_HOST -> "SMS gateway host " + host + " does not resolve";
            case IO_ERROR -> "SMS gateway unreachable: " + (e.getCause() == null ? "error"
                    : e.getCause().getClass().getSimpleName());
        };
    }
}
