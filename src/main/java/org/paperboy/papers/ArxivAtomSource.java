package org.paperboy.papers;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An arXiv API Atom feed (the result of an export.arxiv.org query). Streams entries with StAX;
 * DTDs and external entities are off, since the feed is untrusted.
 */
final class ArxivAtomSource implements PaperSource {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    @Override
    public String format() {
        return "arXiv Atom feed";
    }

    @Override
    public boolean accepts(Head head) {
        return head.firstChar() == '<' && head.text().contains(ATOM);
    }

    @Override
    public void read(SourceInput input, LocalDate asOf, Consumer<Paper> sink) {
        int entryLine = 0;
        try (InputStream in = input.open()) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "entry".equals(xml.getLocalName())) {
                    entryLine = xml.getLocation().getLineNumber();
                    sink.accept(readEntry(xml, input, entryLine));
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : entryLine;
            throw new SourceFormatException(input.name() + " line " + line + ": invalid XML (truncated?): "
                    + e.getMessage().replaceAll("\\s+", " ").replaceFirst("^ParseError at \\[row,col]:\\[\\d+,\\d+] Message: ", ""));
        } catch (IOException e) {
            throw new SourceFormatException(input.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Paper readEntry(XMLStreamReader xml, SourceInput input, int line) throws XMLStreamException {
        String idUrl = null;
        String title = null;
        String summary = null;
        String published = null;
        List<String> authors = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        String primary = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "entry".equals(xml.getLocalName())) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "id" -> idUrl = xml.getElementText().strip();
                case "title" -> title = TexText.plain(Titles.collapse(xml.getElementText()));
                case "summary" -> summary = TexText.plain(Titles.collapse(xml.getElementText()));
                case "published" -> published = xml.getElementText().strip();
                case "name" -> authors.add(Titles.collapse(xml.getElementText()));
                case "category" -> addCategory(categories, xml.getAttributeValue(null, "term"));
                case "primary_category" -> {
                    primary = xml.getAttributeValue(null, "term");
                    addCategory(categories, primary);
                }
                default -> { }
            }
        }
        if (title == null || title.isEmpty()) {
            throw new SourceFormatException(input.name() + " line " + line + ": the entry " + (idUrl == null ? "" : idUrl + " ") + "has no title");
        }
        String arxivId = ArxivIds.fromUrl(idUrl);
        return new Paper(arxivId != null ? arxivId : Titles.slug(title), title, summary, authors, authors.size(),
                date(published, input, line), null, null, categories,
                arxivId != null ? Links.forArxivId(arxivId) : Links.NONE, List.of(input.label()),
                new Paper.Extras(null, null, null, null, primary));
    }

    private static void addCategory(List<String> categories, String term) {
        if (term != null && !term.isBlank() && !categories.contains(term.strip())) {
            categories.add(term.strip());
        }
    }

    private static LocalDate date(String value, SourceInput input, int line) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new SourceFormatException(input.name() + " line " + line + ": <published> is not an ISO-8601 date: \"" + value + "\"");
        }
    }
}
