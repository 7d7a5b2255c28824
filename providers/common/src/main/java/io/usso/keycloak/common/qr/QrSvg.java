package io.usso.keycloak.common.qr;

import java.util.EnumMap;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders a QR code as inline SVG on the server (ZXing encodes, we write the markup): no script, no external
 * resource. One path of 1-module-high horizontal runs on a white square with the standard 4-module quiet zone;
 * {@code shape-rendering="crispEdges"} keeps modules sharp at any size. The SVG is {@code aria-hidden}: the page
 * labels its container and offers the link as text.
 */
public final class QrSvg {

    /** Modules of white border around the code (the QR standard's quiet zone). */
    public static final int QUIET_ZONE = 4;

    private QrSvg() {
    }

    /**
     * @param content the text to encode (the scan URL)
     * @return the module matrix including the quiet zone, one bit per module
     * @throws IllegalArgumentException when the content does not fit a QR code
     */
    public static BitMatrix matrix(String content) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        try {
            // width/height 0: the smallest matrix, one element per module
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code: " + e.getMessage(), e);
        }
    }

    /**
     * @param content the text to encode
     * @return a standalone {@code <svg>} element
     */
    public static String render(String content) {
        return toSvg(matrix(content));
    }

    /**
     * @param matrix modules, including the quiet zone
     * @return the SVG markup
     */
    public static String toSvg(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder(width * height / 2);
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && matrix.get(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
