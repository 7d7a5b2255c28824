package io.usso.keycloak.common.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SVG we write is a real, scannable QR code of the scan URL: parsed back from the markup and decoded by ZXing. */
class QrSvgTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final int PIXELS_PER_MODULE = 4;

    @Test
    void renderedSvgDecodesBackToTheScanUrl() throws Exception {
        for (int i = 0; i < 20; i++) {
            String url = "https://id.example.com/realms/acme-" + i + "/qr-login/scan/" + newCode();
            assertEquals(url, decode(QrSvg.render(url)));
        }
    }

    @Test
    void longHostsAndRealmNamesStillFit() throws Exception {
        String url = "https://login.a-rather-long-tenant-domain.example.co.uk/realms/" + "t".repeat(60)
                + "/qr-login/scan/" + newCode();
        assertEquals(url, decode(QrSvg.render(url)));
    }

    @Test
    void svgIsWellFormedStaticMarkupWithAQuietZone() throws Exception {
        String svg = QrSvg.render("https://id.example.com/realms/acme/qr-login/scan/" + newCode());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("true", root.getAttribute("aria-hidden"));
        assertEquals(2, root.getChildNodes().getLength(), "a background and one path, nothing else");
        assertFalse(svg.contains("<script") || svg.contains("href") || Pattern.compile("\\son[a-z]+=").matcher(svg).find(),
                "no script, link or event handler");
        boolean[][] modules = modules(svg);
        int size = modules.length;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean border = x < QrSvg.QUIET_ZONE || y < QrSvg.QUIET_ZONE || x >= size - QrSvg.QUIET_ZONE
                        || y >= size - QrSvg.QUIET_ZONE;
                if (border) {
                    assertFalse(modules[y][x], "quiet zone must stay white at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void differentCodesGiveDifferentImages() {
        String base = "https://id.example.com/realms/acme/qr-login/scan/";
        assertNotEquals(QrSvg.render(base + newCode()), QrSvg.render(base + newCode()));
    }

    /** Rebuilds the module grid from the SVG path, draws it to pixels and lets ZXing read it. */
    static String decode(String svg) throws Exception {
        boolean[][] modules = modules(svg);
        int size = modules.length * PIXELS_PER_MODULE;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = modules[y / PIXELS_PER_MODULE][x / PIXELS_PER_MODULE] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        // PURE_BARCODE: the image is exactly the code (no perspective to detect), as our markup is; the image
        // detector otherwise misreads some synthetic grids now and then (ChecksumException).
        return new QRCodeReader().decode(bitmap,
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    static boolean[][] modules(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find(), "viewBox");
        int width = Integer.parseInt(box.group(1));
        assertEquals(width, Integer.parseInt(box.group(2)), "square");
        boolean[][] modules = new boolean[width][width];
        String d = svg.substring(svg.indexOf(" d=\"") + 4, svg.lastIndexOf('"'));
        Matcher run = RUN.matcher(d);
        int consumed = 0;
        while (run.find()) {
            assertEquals(consumed, run.start(), "path holds only runs");
            consumed = run.end();
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertEquals(length, Integer.parseInt(run.group(4)));
            for (int i = 0; i < length; i++) {
                modules[y][x + i] = true;
            }
        }
        assertEquals(d.length(), consumed, "path holds only runs");
        return modules;
    }

    /** A code shaped like the QR login's (32 random bytes, base64url). */
    private static String newCode() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
