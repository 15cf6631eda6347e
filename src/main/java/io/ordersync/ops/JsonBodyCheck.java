package io.ordersync.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ordersync.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the JSON parsers behind the API would let through silently, refused before any route reads the body:
 * bytes that are not UTF-8 (the decoder would turn them into U+FFFD and the order would be stored garbled), a declared
 * charset other than UTF-8 (JSON between systems is UTF-8, RFC 8259 section 8.1), a member name repeated in one object
 * (the parsers keep the last one; which one counts would be a guess), and control characters (U+0000 to U+001F, but
 * tab, line feed and carriage return) in names or strings, which no business field holds and which PostgreSQL text
 * columns refuse (U+0000). Syntax errors and parser limits are left to the route's own parsing, which reports them
 * with their position.
 */
public final class JsonBodyCheck {

    private JsonBodyCheck() {
    }

    /**
     * Checks the body of a JSON request.
     *
     * @throws ApiContract.RefusedRequest 415 for a charset other than UTF-8, 400 for the rest, naming what and where
     */
    public static void check(String contentType, byte[] body) {
        String charset = charsetOf(contentType);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
            throw new ApiContract.RefusedRequest(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type", "JSON is accepted in"
                    + " UTF-8 only, not charset " + ApiContract.abbreviate(charset));
        }
        if (body == null || body.length == 0) {
            return;
        }
        checkUtf8(body);
        try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    checkText(parser.getText(), parser.getParsingContext().pathAsPointer().toString(),
                            token == JsonToken.FIELD_NAME ? "member name" : "value");
                }
            }
        } catch (StreamConstraintsException limit) {
            return; // the route's own parsing answers JSON_LIMIT_EXCEEDED
        } catch (JsonProcessingException syntax) {
            String message = syntax.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                String pointer = syntax.getProcessor() instanceof JsonParser p
                        ? p.getParsingContext().pathAsPointer().toString() : "";
                throw new ApiContract.RefusedRequest(400, "DUPLICATE_KEY", pointer.isEmpty() ? "/" : pointer,
                        "the body names the member " + ApiContract.abbreviate(message.replaceFirst(
                                "^Duplicate field '(.*)'$", "$1")) + " twice in one object"
                                + (pointer.isEmpty() ? "" : " (at " + ApiContract.abbreviate(pointer) + ")")
                                + "; every member may appear once");
            }
            // other syntax errors: the route's own parsing answers them with their position
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            int offset = firstInvalidOffset(body);
            String hint = body.length >= 2 && (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF
                    || body[0] == (byte) 0xFF && body[1] == (byte) 0xFE) ? " (it starts with a UTF-16 byte order mark)"
                    : "";
            throw new ApiContract.RefusedRequest(400, "INVALID_ENCODING", "body", "the body is not UTF-8: byte "
                    + String.format("0x%02X", body[offset] & 0xFF) + " at offset " + offset + " starts no valid"
                    + " UTF-8 sequence" + hint + "; send JSON in UTF-8");
        }
    }

    /** The offset of the first byte that does not begin a valid UTF-8 sequence. */
    private static int firstInvalidOffset(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        return result.isError() ? Math.min(in.position(), body.length - 1) : 0;
    }

    private static void checkText(String text, String pointer, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                String where = pointer.isEmpty() ? "/" : pointer;
                throw new ApiContract.RefusedRequest(400, "CONTROL_CHARACTER", where, "the " + what + " at "
                        + ApiContract.abbreviate(where) + " holds the control character "
                        + String.format("U+%04X", (int) c) + " (character " + (i + 1) + "); text fields take no"
                        + " control characters but tab, line feed and carriage return");
            }
        }
    }

    /** The charset parameter of a Content-Type, lower case; null when there is none. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
