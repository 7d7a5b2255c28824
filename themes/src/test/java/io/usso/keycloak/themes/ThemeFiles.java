package io.usso.keycloak.themes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Locates the packaged theme files (target/classes, i.e. exactly what goes into the jar) and reads them strictly. */
final class ThemeFiles {

    static final String THEME = "usso";
    static final List<String> TYPES = List.of("login", "email", "account");
    static final List<String> LANGUAGES = List.of("en", "fa");

    private ThemeFiles() {
    }

    static Path resourcesRoot() {
        URL descriptor = ThemeFiles.class.getResource("/META-INF/keycloak-themes.json");
        if (descriptor == null) {
            throw new IllegalStateException("META-INF/keycloak-themes.json is not on the test class path");
        }
        try {
            return Path.of(descriptor.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path descriptor() {
        return resourcesRoot().resolve("META-INF/keycloak-themes.json");
    }

    static Path themeDir() {
        return resourcesRoot().resolve("theme").resolve(THEME);
    }

    static Path typeDir(String type) {
        return themeDir().resolve(type);
    }

    static Path resourcesDir(String type) {
        return typeDir(type).resolve("resources");
    }

    static Path messages(String type, String language) {
        return typeDir(type).resolve("messages").resolve("messages_" + language + ".properties");
    }

    /** Decodes as UTF-8 and fails on any malformed or unmappable byte sequence instead of replacing it. */
    static String readUtf8Strictly(Path file) throws CharacterCodingException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a .properties file the way Keycloak 26 reads theme messages (UTF-8), rejecting duplicate keys. */
    static Properties load(Path file) {
        List<String> duplicates = new ArrayList<>();
        @SuppressWarnings("serial")
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    duplicates.add(String.valueOf(key));
                }
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(readUtf8Strictly(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read as UTF-8", e);
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException(file + " defines keys more than once: " + duplicates);
        }
        return properties;
    }

    static Properties themeProperties(String type) {
        return load(typeDir(type).resolve("theme.properties"));
    }

    static List<Path> filesUnder(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
