package io.usso.keycloak.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ThemeDescriptorTest {

    private static final Map<String, String> EXPECTED_PARENTS = Map.of(
            "login", "keycloak.v2",
            "email", "keycloak",
            "account", "keycloak.v3");

    // ------------------------------------------------------------------ (d) keycloak-themes.json

    @Test
    void descriptorIsValidJsonAndListsEveryTypeFolder() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode root = json.readTree(ThemeFiles.readUtf8Strictly(ThemeFiles.descriptor()));

        JsonNode themes = root.path("themes");
        assertTrue(themes.isArray(), "\"themes\" must be an array");

        Set<String> declaredThemes = new TreeSet<>();
        themes.forEach(t -> declaredThemes.add(t.path("name").asText()));
        assertEquals(themeFolders(), declaredThemes, "themes in keycloak-themes.json vs folders under theme/");

        for (JsonNode theme : themes) {
            String name = theme.path("name").asText();
            Set<String> declaredTypes = new TreeSet<>();
            theme.path("types").forEach(t -> declaredTypes.add(t.asText()));
            assertEquals(typeFolders(name), declaredTypes, "types of theme " + name + " vs its folders");
        }
    }

    @Test
    void ussoProvidesLoginEmailAndAccount() {
        assertEquals(new TreeSet<>(ThemeFiles.TYPES), typeFolders(ThemeFiles.THEME));
    }

    @Test
    void everyTypeExtendsTheExpectedKeycloakTheme() {
        EXPECTED_PARENTS.forEach((type, parent) -> {
            Properties properties = ThemeFiles.themeProperties(type);
            assertEquals(parent, properties.getProperty("parent"), type + " parent");
        });
        assertEquals("common/keycloak", ThemeFiles.themeProperties("login").getProperty("import"));
    }

    private static Set<String> themeFolders() {
        return subfolders(ThemeFiles.resourcesRoot().resolve("theme"));
    }

    /** A type folder is one that holds a theme.properties, like Keycloak's own theme jars. */
    private static Set<String> typeFolders(String theme) {
        Set<String> types = new TreeSet<>();
        Path dir = ThemeFiles.resourcesRoot().resolve("theme").resolve(theme);
        for (String type : subfolders(dir)) {
            if (Files.isRegularFile(dir.resolve(type).resolve("theme.properties"))) {
                types.add(type);
            }
        }
        return types;
    }

    private static Set<String> subfolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            children.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
