package org.paperboy.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.PaperboyException;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.ConfirmationStatus;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.SubscriptionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy subscribe}: adds a reader; without --confirmed they get a confirmation mail, sent at
 * once or, when the server cannot take it now, left queued for {@code run}, {@code serve} or
 * {@code send} to retry (exit code 0: it is safe). Exit code 3 when the server refused it for good.
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = {"Subscribe an address. Without --confirmed it is sent a confirmation mail (double opt-in); when the mail"
                + " server cannot take it now, it is queued and retried by run, serve or send.",
            "Exit codes: 0 subscribed (the mail sent, or safely queued); 2 bad input; 3 the mail server refused the confirmation"
                + " mail for good (a 5xx answer)."})
final class SubscribeCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EMAIL")
    String email;

    @Option(names = "--topics", split = ",", paramLabel = "SLUG", description = "Topics to follow, e.g. rl,diffusion.")
    List<String> topics;

    @Option(names = "--keywords", split = ",", paramLabel = "WORD", description = "Free keywords.")
    List<String> keywords;

    @Option(names = "--weekly", description = "A weekly digest instead of a daily one.")
    boolean weekly;

    @Option(names = "--confirmed", description = "The person already agreed elsewhere: no confirmation mail.")
    boolean confirmed;

    @Mixin
    LocalTrial.Switch trial;

    SubscribeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PaperboyConfig config = trial.apply(common.config(env));
        if (!confirmed) {
            // the confirmation mail is mailed now: it says who we are as the digest does, so it passes the same check
            SenderIdentity.requireForSmtp(config, "subscribe", trial.on());
        }
        try (Paperboy paperboy = Paperboy.wire(config)) {
            Consent consent = new Consent("cli", null, null, SubscriptionService.CONSENT_TEXT_VERSION, Instant.now(paperboy.clock()));
            SubscriptionService.Subscribed result = paperboy.subscriptions().subscribe(email, Preferences.of(topics, keywords),
                    weekly ? Frequency.WEEKLY : Frequency.DAILY, consent, confirmed, Runnable::run);
            String who = result.subscriber().email();
            String message = switch (result.outcome()) {
                case CREATED -> confirmed ? who + ": subscribed (confirmed)" : who + ": subscribed; " + mail(result.mail());
                case STILL_PENDING -> who + ": still waiting for confirmation; preferences updated; " + mail(result.mail());
                case ALREADY_CONFIRMED -> who + ": already subscribed";
                case RESUBSCRIBING -> who + ": had unsubscribed; to come back they must confirm again: " + mail(result.mail());
                case REFUSED_UNSUBSCRIBED -> throw new PaperboyException(who + ": unsubscribed on "
                        + result.subscriber().unsubscribedAt() + "; they must subscribe again themselves (without --confirmed)");
            };
            spec.commandLine().getOut().println(message);
            spec.commandLine().getOut().flush();
            // queued is safe (it will be retried); only a mail the server refused for good is a failure
            return result.mail().kind() == ConfirmationStatus.Kind.FAILED ? Cli.INCOMPLETE : 0;
        }
    }

    /** What became of the confirmation mail, in words. */
    static String mail(ConfirmationStatus mail) {
        return switch (mail.kind()) {
            case NONE -> "no confirmation mail is needed";
            case SENT -> "confirmation mail sent";
            case QUEUED -> "confirmation mail queued, will retry" + (mail.reply() == null ? "" : " (not sent yet: " + mail.reply() + ")")
                    + (mail.nextAt() == null ? "" : "; next try at " + Text.time(mail.nextAt()))
                    + "; paperboy run, serve or send retry it until delivery.maxAgeDays";
            case FAILED -> "the server refused the confirmation mail: " + mail.reply();
            case LIMITED -> "no new confirmation mail now: one was asked for at " + Text.time(mail.requestedAt())
                    + " (at most one an hour per address)" + (mail.reply() == null ? "" : " and is still queued, will retry (last: "
                    + mail.reply() + ")") + "; a new link can be sent after " + Text.time(mail.nextAt());
        };
    }
}
