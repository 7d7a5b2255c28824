package io.usso.keycloak.themes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * (f) Every FreeMarker template we ship parses with the settings Keycloak 26 uses (DefaultFreeMarkerProvider:
 * incompatible improvements 2.3.32, HTML output format, so ?no_esc is legal), and the USSO emails render
 * with a minimal model in English and Persian.
 */
class FreeMarkerTemplatesTest {

    private static final String LINK = "https://id.example.org/realms/acme/login-actions/action-token?key=abc.def";
    private static final String CODE = "482913";

    @Test
    void everyShippedTemplateParses() throws Exception {
        List<Path> templates = ThemeFiles.filesUnder(ThemeFiles.themeDir(), ".ftl");
        assertFalse(templates.isEmpty(), "no templates found");
        for (String type : ThemeFiles.TYPES) {
            Configuration cfg = configuration(new FileTemplateLoader(ThemeFiles.typeDir(type).toFile()));
            for (Path template : ThemeFiles.filesUnder(ThemeFiles.typeDir(type), ".ftl")) {
                String name = ThemeFiles.typeDir(type).relativize(template).toString().replace(File.separatorChar, '/');
                cfg.getTemplate(name, Locale.ENGLISH, "UTF-8"); // throws ParseException on syntax errors
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"usso-magic-link.ftl", "usso-otp.ftl"})
    void emailsRenderInEnglishLeftToRight(String template) throws Exception {
        String html = render("html/" + template, Locale.ENGLISH);
        assertTrue(html.contains("dir=\"ltr\""), html);
        assertTrue(html.contains("text-align: left"), html);
        assertCommonContent(template, html);

        String text = render("text/" + template, Locale.ENGLISH);
        assertCommonContent(template, text);
        assertFalse(text.contains("<"), "plain text email contains markup: " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usso-magic-link.ftl", "usso-otp.ftl"})
    void emailsRenderInPersianRightToLeft(String template) throws Exception {
        String html = render("html/" + template, Locale.forLanguageTag("fa"));
        assertTrue(html.contains("dir=\"rtl\""), html);
        assertTrue(html.contains("text-align: right"), html);
        assertTrue(html.contains("سلام"), "Persian body expected: " + html);
        assertCommonContent(template, html);

        String text = render("text/" + template, Locale.forLanguageTag("fa"));
        assertTrue(text.contains("سلام"), text);
        assertCommonContent(template, text);
    }

    @Test
    void optionalDeviceAndTimeFallBackToMessages() throws Exception {
        Map<String, Object> model = model(Locale.ENGLISH);
        model.remove("device");
        model.remove("requestTime");
        String text = render("text/usso-magic-link.ftl", Locale.ENGLISH, model);
        assertTrue(text.contains("an unknown device"), text);
        assertTrue(text.contains("an unknown time"), text);
    }

    private static void assertCommonContent(String template, String output) {
        if (template.contains("magic-link")) {
            assertTrue(output.contains(LINK), "link missing: " + output);
        } else {
            assertTrue(output.contains(CODE), "code missing: " + output);
        }
        assertTrue(output.contains("Acme &amp; Co") || output.contains("Acme & Co"), "realm name missing: " + output);
        assertTrue(output.contains("Firefox on Linux"), "device missing: " + output);
        assertFalse(output.contains("{0}") || output.contains("{4}"), "unformatted placeholder: " + output);
        assertFalse(output.contains("${"), "unrendered expression: " + output);
    }

    // ------------------------------------------------------------------ minimal Keycloak-like environment

    private static String render(String name, Locale locale) throws Exception {
        return render(name, locale, model(locale));
    }

    private static String render(String name, Locale locale, Map<String, Object> model) throws Exception {
        TemplateLoader loader = new MultiTemplateLoader(new TemplateLoader[] {
            new FileTemplateLoader(ThemeFiles.typeDir("email").toFile()),
            new FileTemplateLoader(stubDir()) // html/template.ftl, which base/email provides at runtime
        });
        Template template = configuration(loader).getTemplate(name, locale, "UTF-8");
        StringWriter out = new StringWriter();
        template.process(model, out);
        return out.toString();
    }

    private static Map<String, Object> model(Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("locale", locale);
        model.put("realmName", "Acme & Co");
        model.put("link", LINK);
        model.put("linkExpiration", 15);
        model.put("code", CODE);
        model.put("codeExpiration", 5);
        model.put("device", "Firefox on Linux");
        model.put("requestTime", "2026-03-01 10:15 UTC");
        model.put("msg", new Messages(locale));
        model.put("kcSanitize", (TemplateMethodModelEx) args -> args.get(0).toString());
        return model;
    }

    private static Configuration configuration(TemplateLoader loader) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.SAFER_RESOLVER);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setTemplateLoader(loader);
        return cfg;
    }

    private static File stubDir() throws URISyntaxException {
        URL stub = FreeMarkerTemplatesTest.class.getResource("/email-stub/html/template.ftl");
        return Path.of(stub.toURI()).getParent().getParent().toFile();
    }

    /** Like Keycloak's MessageFormatterMethod: bundle of the locale over English, formatted with MessageFormat. */
    private static final class Messages implements TemplateMethodModelEx {
        private final Locale locale;
        private final Properties bundle = new Properties();

        Messages(Locale locale) {
            this.locale = locale;
            bundle.putAll(ThemeFiles.load(ThemeFiles.messages("email", "en")));
            if (!locale.getLanguage().equals("en")) {
                bundle.putAll(ThemeFiles.load(ThemeFiles.messages("email", locale.getLanguage())));
            }
        }

        @Override
        public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
            String key = arguments.get(0).toString();
            String pattern = bundle.getProperty(key);
            if (pattern == null) {
                throw new TemplateModelException("unknown message key " + key);
            }
            List<Object> values = new ArrayList<>();
            for (Object argument : arguments.subList(1, arguments.size())) {
                if (argument instanceof SimpleScalar scalar) {
                    values.add(scalar.getAsString());
                } else if (argument instanceof SimpleNumber number) {
                    values.add(number.getAsNumber());
                } else {
                    values.add(String.valueOf(argument));
                }
            }
            return new MessageFormat(pattern, locale).format(values.toArray());
        }
    }
}
