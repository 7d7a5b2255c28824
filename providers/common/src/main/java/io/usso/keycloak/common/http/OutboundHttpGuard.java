package io.usso.keycloak.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.http.Header;
import org.apache.http.client.config.CookieSpecs;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.config.MessageConstraints;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.jboss.logging.Logger;

/**
 * The one way USSO calls other servers (SMS gateways; webhooks, KYC registries, domain checks, Telegram later), so
 * that a URL a tenant admin typed cannot reach the server's own network (server-side request forgery):
 * <ol>
 * <li>only absolute {@code http}/{@code https} URLs without user info; the host must be on the caller's
 * {@link AllowList} (empty allows nothing) and the port allowed by that entry (80/443 unless it names one);</li>
 * <li>the name is resolved once and refused if any of its addresses is not public ({@link PublicAddress}) and not in
 * a network the operator allowed ({@link OperatorNetworks}); the connection goes to exactly those checked addresses
 * ({@link CheckedDnsResolver}), while the {@code Host} header, TLS SNI and certificate host name check use the
 * name. TLS trusts the JVM's default trust store (Keycloak adds its {@code truststore-paths} to it);</li>
 * <li>redirects are never followed (a 3xx is {@link OutboundHttpException.Reason#REDIRECT_REFUSED}), no proxy, no
 * retries, no cookies, no automatic decompression;</li>
 * <li>connecting and the whole exchange are bounded by the policy's timeouts (a timer aborts a request that runs
 * over, so a slowly dripping server cannot hold a worker), the answer is read up to the policy's size.</li>
 * </ol>
 * A resolver that hangs is bounded only by the system's resolver timeouts. Request bodies, headers and URLs are
 * never logged; refusals are logged with the host and the reason at INFO, failures at DEBUG.
 *
 * <p>Thread-safe; one instance per provider factory (it pools connections), closed with it.
 */
public final class OutboundHttpGuard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboundHttpGuard.class);
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-connection", "expect");
    private static final int MAX_URL_LENGTH = 8192;
    private static final int MAX_HEADER_VALUE = 8192;

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final OperatorNetworks networks;

    /**
     * @param networks the private networks the operator allows (see {@link OperatorNetworks#fromEnvironment()})
     */
    public OutboundHttpGuard(OperatorNetworks networks) {
        this(networks, HostLookup.system());
    }

    /**
     * @param networks the private networks the operator allows
     * @param lookup the name resolver (tests use a table)
     */
    OutboundHttpGuard(OperatorNetworks networks, HostLookup lookup) {
        this.networks = networks;
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory>create()
                        .register("http", PlainConnectionSocketFactory.getSocketFactory())
                        .register("https", SSLConnectionSocketFactory.getSystemSocketFactory())
                        .build(),
                null, null, new CheckedDnsResolver(networks, lookup), 5, TimeUnit.MINUTES);
        connections.setMaxTotal(64);
        connections.setDefaultMaxPerRoute(16);
        connections.setDefaultSocketConfig(SocketConfig.custom()
                .setSoTimeout((int) OutboundPolicy.MAX_TIMEOUT.toMillis()).build());
        connections.setDefaultConnectionConfig(ConnectionConfig.custom().setMessageConstraints(
                MessageConstraints.custom().setMaxLineLength(8192).setMaxHeaderCount(100).build()).build());
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("USSO-Keycloak")
                .evictExpiredConnections()
                .evictIdleConnections(30, TimeUnit.SECONDS)
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("usso-outbound-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /** @return a guard with the operator's networks from {@link OperatorNetworks#fromEnvironment()} */
    public static OutboundHttpGuard create() {
        return new OutboundHttpGuard(OperatorNetworks.fromEnvironment());
    }

    /** @return the private networks this guard lets calls reach */
    public OperatorNetworks networks() {
        return networks;
    }

    /**
     * @param request what to send
     * @param policy what this caller allows
     * @return the answer (any non-redirect status)
     * @throws OutboundHttpException when the guard refuses the request or no complete answer came in time
     */
    public OutboundResponse send(OutboundRequest request, OutboundPolicy policy) throws OutboundHttpException {
        URI uri = checkedUri(request.url());
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        if (!policy.allowList().permits(host, port)) {
            throw refused(policy.allowList().permitsHost(host) ? OutboundHttpException.Reason.PORT_NOT_ALLOWED
                    : OutboundHttpException.Reason.HOST_NOT_ALLOWED, host, null);
        }
        HttpUriRequest http = build(request, uri, policy, host);
        long totalMillis = policy.totalTimeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(totalMillis);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = deadlines.schedule(() -> {
            timedOut.set(true);
            http.abort();
        }, totalMillis, TimeUnit.MILLISECONDS);
        try (CloseableHttpResponse response = client.execute(http)) {
            int status = response.getStatusLine().getStatusCode();
            if (status >= 300 && status <= 399) {
                throw refused(OutboundHttpException.Reason.REDIRECT_REFUSED, host, null);
            }
            Header type = response.getEntity() == null ? null : response.getEntity().getContentType();
            byte[] buffer = new byte[policy.maxResponseBytes()];
            int length = 0;
            boolean truncated = false;
            if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                    while (length < buffer.length) {
                        int n = in.read(buffer, length, buffer.length - length);
                        if (n < 0) {
                            break;
                        }
                        length += n;
                        if (System.nanoTime() > deadline) {
                            throw new SocketTimeoutException("total timeout");
                        }
                    }
                    truncated = length == buffer.length && in.read() >= 0;
                }
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (Header header : response.getAllHeaders()) {
                headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            return new OutboundResponse(status, type == null ? null : type.getValue(),
                    java.util.Arrays.copyOf(buffer, length), truncated, headers);
        } catch (IOException e) {
            throw failed(e, timedOut.get(), host, policy);
        } finally {
            abort.cancel(false);
        }
    }

    private static URI checkedUri(String url) throws OutboundHttpException {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw invalid(null, "no URL or an overlong one");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(null, "not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || AllowList.normaliseHost(uri.getHost()) == null) {
            throw invalid(uri.getHost(), "not an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(uri.getHost(), "user info in the URL (send credentials in a header)");
        }
        return uri;
    }

    private static HttpUriRequest build(OutboundRequest request, URI uri, OutboundPolicy policy, String host)
            throws OutboundHttpException {
        RequestBuilder builder = RequestBuilder.create(request.method().name()).setUri(uri)
                .setConfig(RequestConfig.custom()
                        .setConnectTimeout((int) policy.connectTimeout().toMillis())
                        .setConnectionRequestTimeout((int) policy.connectTimeout().toMillis())
                        .setSocketTimeout((int) policy.totalTimeout().toMillis())
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setCookieSpec(CookieSpecs.IGNORE_COOKIES)
                        .build());
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (!isToken(header.getKey()) || RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))
                    || !isHeaderValue(header.getValue())) {
                throw invalid(host, "header not allowed or malformed");
            }
            builder.addHeader(header.getKey(), header.getValue());
        }
        byte[] body = request.body();
        if (body.length > 0 || request.method() == OutboundRequest.Method.POST
                || request.method() == OutboundRequest.Method.PUT || request.method() == OutboundRequest.Method.PATCH) {
            ByteArrayEntity entity = new ByteArrayEntity(body);
            if (request.contentType() != null) {
                if (!isHeaderValue(request.contentType())) {
                    throw invalid(host, "malformed content type");
                }
                entity.setContentType(request.contentType());
            }
            builder.setEntity(entity);
        }
        return builder.build();
    }

    private static OutboundHttpException failed(IOException e, boolean timedOut, String host, OutboundPolicy policy) {
        OutboundHttpException.Reason reason;
        if (timedOut || e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                || e instanceof ConnectionPoolTimeoutException) {
            reason = OutboundHttpException.Reason.TIMEOUT;
        } else if (causedBy(e, CheckedDnsResolver.AddressRefusedException.class)) {
            return refused(OutboundHttpException.Reason.ADDRESS_NOT_ALLOWED, host, e);
        } else if (causedBy(e, UnknownHostException.class)) {
            reason = OutboundHttpException.Reason.UNKNOWN_HOST;
        } else if (e instanceof InterruptedIOException) {
            reason = OutboundHttpException.Reason.TIMEOUT;
        } else {
            reason = OutboundHttpException.Reason.IO_ERROR;
        }
        LOG.debugf("Outbound request to %s failed: %s (%s)", host, reason.code(), e.getClass().getSimpleName());
        String message = reason == OutboundHttpException.Reason.TIMEOUT
                ? "no complete answer from " + host + " within " + policy.totalTimeout().toMillis() + " ms"
                : reason.code() + " calling " + host + ": " + e.getClass().getSimpleName();
        return new OutboundHttpException(reason, host, message, e);
    }

    private static OutboundHttpException refused(OutboundHttpException.Reason reason, String host, Throwable cause) {
        LOG.infof("Outbound request to %s refused: %s", host, reason.code());
        return new OutboundHttpException(reason, host, "outbound request to " + host + " refused: " + reason.code(),
                cause);
    }

    private static OutboundHttpException invalid(String host, String why) {
        LOG.infof("Outbound request to %s refused: %s (%s)", host, OutboundHttpException.Reason.INVALID_REQUEST.code(),
                why);
        return new OutboundHttpException(OutboundHttpException.Reason.INVALID_REQUEST, host,
                "outbound request refused: " + why, null);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isToken(String name) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHeaderValue(String value) {
        if (value == null || value.length() > MAX_HEADER_VALUE) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Closes the connections and the deadline timer. */
    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            LOG.debugf("closing the outbound HTTP client: %s", e.getClass().getSimpleName());
        }
    }
}
