package io.usso.keycloak.magiclink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/** A {@link SingleUseObjectProvider} for unit tests: atomic like the real one, no expiry, records lifespans. */
public final class InMemorySingleUseStore implements SingleUseObjectProvider {

    final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    final Map<String, Long> lifespans = new ConcurrentHashMap<>();

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        if (lifespanSeconds <= 0) {
            throw new IllegalArgumentException("lifespanSeconds must be positive");
        }
        entries.put(key, new HashMap<>(notes));
        lifespans.put(key, lifespanSeconds);
    }

    @Override
    public Map<String, String> get(String key) {
        return entries.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        return entries.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        throw new AssertionError("replace must not be used: it drops the lifespan in Keycloak 26.7");
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        boolean added = entries.putIfAbsent(key, Map.of()) == null;
        if (added) {
            lifespans.put(key, lifespanInSeconds);
        }
        return added;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public void close() {
    }
}
