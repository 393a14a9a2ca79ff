package org.paperboy.papers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Hugging Face's {@code /api/daily_papers} response: a JSON array of objects, each holding a
 * {@code paper}. Streams one element at a time, so memory holds one paper, not the file.
 */
final class HfDailySource implements PaperSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final ObjectReader ELEMENT = MAPPER.readerFor(HfJson.Element.class);

    @Override
    public String format() {
        return "Hugging Face daily papers JSON";
    }

    @Override
    public boolean accepts(Head head) {
        return head.firstChar() == '[';
    }

    @Override
    public void read(SourceInput input, LocalDate asOf, Consumer<Paper> sink) {
        HfPaperReader reader = new HfPaperReader(input.name(), input.label());
        int index = 0;
        try (InputStream in = input.open(); JsonParser parser = FACTORY.createParser(in)) {
            expect(parser.nextToken() == JsonToken.START_ARRAY, input, parser, "$", "expected a JSON array of papers");
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
                String path = "$[" + index + "]";
                if (token == null) {
                    throw fail(input, parser, path, "the file ends inside the array (truncated?)");
                }
                expect(token == JsonToken.START_OBJECT, input, parser, path,
                        "expected a paper object, found " + describe(token, parser));
                int line = parser.currentTokenLocation().getLineNr();
                HfJson.Element element = readElement(parser, input, path);
                sink.accept(reader.read(element, path, line));
            }
            expect(parser.nextToken() == null, input, parser, "$", "unexpected content after the array");
        } catch (JsonEOFException e) {
            throw fail(input, e.getLocation().getLineNr(), "$[" + index + "]", "the file ends in the middle of a JSON value (truncated?)");
        } catch (JsonParseException e) {
            throw fail(input, e.getLocation().getLineNr(), "$[" + index + "]", "invalid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw new SourceFormatException(input.name() + ": not UTF-8 text (binary data?): " + e.getMessage());
        } catch (IOException e) {
            throw new SourceFormatException(input.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static HfJson.Element readElement(JsonParser parser, SourceInput input, String path) throws IOException {
        try {
            return ELEMENT.readValue(parser);
        } catch (MismatchedInputException e) {
            StringBuilder at = new StringBuilder(path);
            for (JsonMappingException.Reference ref : e.getPath()) {
                at.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            String expected = e.getTargetType() == null ? "another type" : e.getTargetType().isRecord() ? "an object"
                    : e.getTargetType() == Integer.class ? "a whole number" : e.getTargetType() == String.class ? "a string"
                    : java.util.List.class.isAssignableFrom(e.getTargetType()) ? "an array" : e.getTargetType().getSimpleName();
            throw fail(input, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), at.toString(), "expected " + expected);
        } catch (JsonMappingException e) {
            // databind wraps the parser's own errors (a truncated or malformed file); report those as such
            if (e.getCause() instanceof JsonParseException parseError) {
                throw parseError;
            }
            throw fail(input, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), path, e.getOriginalMessage());
        }
    }

    private static void expect(boolean ok, SourceInput input, JsonParser parser, String path, String message) {
        if (!ok) {
            throw fail(input, parser, path, message);
        }
    }

    private static SourceFormatException fail(SourceInput input, JsonParser parser, String path, String message) {
        return fail(input, parser.currentTokenLocation().getLineNr(), path, message);
    }

    private static SourceFormatException fail(SourceInput input, int line, String path, String message) {
        return new SourceFormatException(input.name() + " line " + line + " at " + path + ": " + message);
    }

    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case VALUE_STRING -> "the string \"" + abbreviate(parser.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            default -> token.toString();
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
