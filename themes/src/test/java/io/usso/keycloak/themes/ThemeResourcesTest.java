package io.usso.keycloak.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

class ThemeResourcesTest {

    /**
     * Entries of a `styles`/`scripts` list that this theme intentionally does not ship, because Keycloak serves
     * them from the parent: /resources/{version}/{type}/usso/{path} is answered by the first theme in the chain
     * (usso, its import, keycloak.v2, its import, base) that has the file (DefaultThemeManager.ExtendingTheme
     * #getResourceAsStream). Listing the parent's css/styles.css is needed because a child's `styles` value
     * replaces the parent's value rather than appending to it.
     */
    private static final Map<String, Set<String>> RESOLVED_FROM_PARENT = Map.of(
            "login", Set.of("css/styles.css"));

    private static final Pattern RESOURCE_LIST_KEY = Pattern.compile("styles|scripts");
    private static final Pattern RESOURCE_ENTRY_KEY = Pattern.compile("(styles|scripts)\\.[^.]+");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

    // ------------------------------------------------------------------ (e) referenced files exist

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void everyReferencedResourceExistsOrIsResolvedFromTheParentOnPurpose(String type) {
        Properties properties = ThemeFiles.themeProperties(type);
        Set<String> fromParent = RESOLVED_FROM_PARENT.getOrDefault(type, Set.of());

        for (String path : referencedResources(properties)) {
            Path local = ThemeFiles.resourcesDir(type).resolve(path);
            if (fromParent.contains(path)) {
                // must NOT exist here, otherwise ours would shadow the parent's file
                assertFalse(Files.exists(local), type + ": " + path + " is meant to come from the parent but is shipped");
            } else {
                assertTrue(Files.isRegularFile(local), type + ": theme.properties references missing resources/" + path);
            }
        }
    }

    @Test
    void parentResolvedEntriesAreDeclaredAndStillListed() {
        Properties login = ThemeFiles.themeProperties("login");
        assertEquals("keycloak.v2", login.getProperty("parent"),
                "css/styles.css is keycloak.v2's stylesheet; re-check RESOLVED_FROM_PARENT if the parent changes");
        for (Map.Entry<String, Set<String>> entry : RESOLVED_FROM_PARENT.entrySet()) {
            List<String> listed = referencedResources(ThemeFiles.themeProperties(entry.getKey()));
            assertTrue(listed.containsAll(entry.getValue()), entry.getKey() + ": stale RESOLVED_FROM_PARENT entry");
        }
    }

    @Test
    void loginKeepsTheParentStylesheetFirstAndAddsOursLast() {
        Properties login = ThemeFiles.themeProperties("login");
        List<String> styles = Arrays.asList(login.getProperty("styles").trim().split("\\s+"));
        assertEquals("css/styles.css", styles.get(0), "keycloak.v2's stylesheet must stay first");
        assertEquals("css/usso.css", styles.get(styles.size() - 1), "ours must come last to override");
        assertNull(login.getProperty("stylesCommon"), "stylesCommon (PatternFly) must stay inherited");
        assertNull(login.getProperty("darkMode"), "darkMode must stay inherited from keycloak.v2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "account"})
    void urlsInsideOurStylesheetsExist(String type) throws Exception {
        for (Path css : ThemeFiles.filesUnder(ThemeFiles.resourcesDir(type), ".css")) {
            Matcher m = CSS_URL.matcher(ThemeFiles.readUtf8Strictly(css));
            while (m.find()) {
                String url = m.group(1).trim();
                if (url.startsWith("data:") || url.startsWith("#")) {
                    continue;
                }
                assertFalse(url.matches("(?i)(https?:)?//.*"), css + ": no external resources (fonts, CDNs): " + url);
                Path target = css.getParent().resolve(url).normalize();
                assertTrue(Files.isRegularFile(target), css + ": url(" + url + ") does not exist");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "account"})
    void ourStylesheetsUseLogicalDirectionsOutsideRtlRules(String type) throws Exception {
        Pattern physical = Pattern.compile(
                "(?<![-\\w])(?:(?:margin|padding|border)-(?:left|right)(?:-[a-z]+)?|left|right|float)\\s*:"
                        + "|(?<![-\\w])text-align\\s*:\\s*(?:left|right)");
        for (Path css : ThemeFiles.filesUnder(ThemeFiles.resourcesDir(type), ".css")) {
            String text = ThemeFiles.readUtf8Strictly(css).replaceAll("(?s)/\\*.*?\\*/", "");
            List<String> offenders = new ArrayList<>();
            for (String block : text.split("}")) {
                int open = block.indexOf('{');
                if (open < 0) {
                    continue;
                }
                String selector = block.substring(0, open);
                if (selector.contains("[dir=\"rtl\"]")) {
                    continue; // RTL fixes may reset keycloak.v2's physical properties
                }
                Matcher m = physical.matcher(block.substring(open + 1));
                if (m.find()) {
                    offenders.add(selector.trim() + " -> " + m.group());
                }
            }
            assertTrue(offenders.isEmpty(), css + ": physical left/right outside [dir=\"rtl\"] rules: " + offenders);
        }
    }

    @Test
    void svgImagesAreWellFormed() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(true);
        List<Path> svgs = ThemeFiles.filesUnder(ThemeFiles.themeDir(), ".svg");
        assertFalse(svgs.isEmpty());
        for (Path svg : svgs) {
            byte[] bytes = ThemeFiles.readUtf8Strictly(svg).getBytes(StandardCharsets.UTF_8);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            assertEquals("svg", doc.getDocumentElement().getLocalName(), svg.toString());
            assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI(), svg.toString());
        }
    }

    /** Paths (relative to the type's resources/ folder) that theme.properties asks Keycloak to serve. */
    private static List<String> referencedResources(Properties properties) {
        List<String> paths = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (value.isEmpty()) {
                continue;
            }
            if (RESOURCE_LIST_KEY.matcher(key).matches()) {
                paths.addAll(Arrays.asList(value.split("\\s+")));
            } else if (RESOURCE_ENTRY_KEY.matcher(key).matches()) {
                paths.add(value);
            } else if (key.equals("favIcon") || key.equals("logo")) {
                paths.add(value.startsWith("/") ? value.substring(1) : value);
            }
        }
        return paths;
    }
}
