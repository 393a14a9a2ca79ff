package org.paperboy.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.paperboy.PaperboyException;

/** The report as JSON: dates and instants as ISO-8601 strings, rates as fractions (0.003 is 0.3%). */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String format(Report report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new PaperboyException("cannot write the report as JSON: " + e.getMessage(), e);
        }
    }
}
