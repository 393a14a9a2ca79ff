package org.paperboy.papers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates of the seed pages: {@code Nov 20}, {@code Apr 7 2} (April 7, 2 upvotes),
 * {@code Nov 16, 2022} and {@code Oct 9, 2024 3}. A date printed without a year takes the latest
 * year that puts it on or before a reference day.
 */
final class PageDates {

    static final Pattern DATE_LINE = Pattern.compile(
            "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{1,2})(?:, (\\d{4}))?(?: (\\d{1,9}))?");
    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("Jan", Month.JANUARY), Map.entry("Feb", Month.FEBRUARY), Map.entry("Mar", Month.MARCH),
            Map.entry("Apr", Month.APRIL), Map.entry("May", Month.MAY), Map.entry("Jun", Month.JUNE),
            Map.entry("Jul", Month.JULY), Map.entry("Aug", Month.AUGUST), Map.entry("Sep", Month.SEPTEMBER),
            Map.entry("Oct", Month.OCTOBER), Map.entry("Nov", Month.NOVEMBER), Map.entry("Dec", Month.DECEMBER));

    /** A parsed date line: the date and the upvotes printed after it (null when none). */
    record Stamp(LocalDate date, Integer upvotes) {
    }

    private PageDates() {
    }

    static boolean isDateLine(String line) {
        return DATE_LINE.matcher(line).matches();
    }

    /** A bare {@code Mon D}, as in the page header; null when the line is something else. */
    static MonthDay bareMonthDay(String line) {
        Matcher m = DATE_LINE.matcher(line);
        if (!m.matches() || m.group(3) != null || m.group(4) != null) {
            return null;
        }
        return monthDay(m, line);
    }

    /**
     * Parses a paper's date line; a date without a year is placed on or before {@code reference}.
     *
     * @throws IllegalArgumentException naming the line when it is not a valid date
     */
    static Stamp parse(String line, LocalDate reference) {
        Matcher m = DATE_LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a date such as \"Apr 7\" or \"Nov 16, 2022\", found \"" + line + "\"");
        }
        MonthDay monthDay = monthDay(m, line);
        LocalDate date;
        try {
            date = m.group(3) != null ? monthDay.atYear(Integer.parseInt(m.group(3))) : onOrBefore(monthDay, reference);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date: \"" + line + "\"");
        }
        Integer upvotes = m.group(4) == null ? null : Integer.valueOf(m.group(4));
        return new Stamp(date, upvotes);
    }

    /** The latest date with this month and day that is on or before the reference day. */
    static LocalDate onOrBefore(MonthDay monthDay, LocalDate reference) {
        for (int year = reference.getYear(); year > reference.getYear() - 8; year--) {
            if (monthDay.isValidYear(year) && !monthDay.atYear(year).isAfter(reference)) {
                return monthDay.atYear(year);
            }
        }
        throw new DateTimeException("no year puts " + monthDay + " before " + reference);
    }

    private static MonthDay monthDay(Matcher m, String line) {
        try {
            return MonthDay.of(MONTHS.get(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date: \"" + line + "\"");
        }
    }
}
