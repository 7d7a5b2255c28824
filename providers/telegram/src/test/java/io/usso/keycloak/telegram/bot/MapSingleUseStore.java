package io.usso.keycloak.telegram.bot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/** Keycloak's single-use store over a concurrent map (atomic where Keycloak's is; lifespans ignored). */
final class MapSingleUseStore implements SingleUseObjectProvider {

    final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, Map.copyOf(notes));
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
        return entries.replace(key, Map.copyOf(notes)) != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        return entries.putIfAbsent(key, Map.of()) == null;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public void close() {
    }
}
