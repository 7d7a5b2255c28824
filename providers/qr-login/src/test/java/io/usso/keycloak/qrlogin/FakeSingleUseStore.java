package io.usso.keycloak.qrlogin;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * An in-memory {@link SingleUseObjectProvider} for tests: atomic like Keycloak's, records each key's lifespan, fails
 * on {@code replace} (which the QR login must never use: it drops the lifespan in Keycloak 26.7), and like Keycloak's
 * transactional {@code put} refuses a second {@code put} of one key within one request ({@link #newRequest()}).
 */
final class FakeSingleUseStore implements SingleUseObjectProvider {

    final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    final Map<String, Long> lifespans = new ConcurrentHashMap<>();
    private final java.util.Set<String> putThisRequest = ConcurrentHashMap.newKeySet();

    /** Starts a new request (transaction): every key may be put once again. */
    void newRequest() {
        putThisRequest.clear();
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        if (lifespanSeconds <= 0) {
            throw new IllegalArgumentException("lifespanSeconds must be positive");
        }
        if (!putThisRequest.add(key)) {
            throw new IllegalStateException("Can't add session: task in progress for session (second put of " + key
                    + " in one request)");
        }
        entries.put(key, new HashMap<>(notes));
        lifespans.put(key, lifespanSeconds);
    }

    @Override
    public Map<String, String> get(String key) {
        Map<String, String> notes = entries.get(key);
        return notes == null ? null : new HashMap<>(notes);
    }

    @Override
    public Map<String, String> remove(String key) {
        lifespans.remove(key);
        return entries.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        throw new AssertionError("replace() must not be used: it drops the lifespan in Keycloak 26.7");
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        if (lifespanInSeconds <= 0) {
            throw new IllegalArgumentException("lifespanInSeconds must be positive");
        }
        boolean absent = entries.putIfAbsent(key, new HashMap<>()) == null;
        if (absent) {
            lifespans.put(key, lifespanInSeconds);
        }
        return absent;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public void close() {
    }

    /** Lets every entry whose key starts with {@code prefix} expire. */
    void expire(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    long count(String prefix) {
        return entries.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }
}
