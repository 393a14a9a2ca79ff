package org.paperboy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.List;
import org.paperboy.papers.Paper;

/** Papers as JSON lines: ISO-8601 dates, absent values as null, the abstract as "abstract". */
final class PaperJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .addMixIn(Paper.class, PaperMixIn.class);

    private PaperJson() {
    }

    static void print(List<Paper> papers, PrintWriter out) {
        try {
            for (Paper paper : papers) {
                out.println(MAPPER.writeValueAsString(paper));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a paper as JSON", e);
        }
    }

    /** Renames the record's {@code abstractText} to the field name users expect, in record order. */
    @JsonPropertyOrder({"id", "title", "abstract", "authors", "authorCount", "published", "upvotes", "organization",
        "keywords", "links", "sources"})
    interface PaperMixIn {
        @JsonProperty("abstract")
        String abstractText();
    }
}
