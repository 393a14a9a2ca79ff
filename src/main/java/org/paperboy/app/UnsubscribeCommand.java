package org.paperboy.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.PaperboyException;
import org.paperboy.subscribers.EmailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy unsubscribe}: stops all mail to an address; the row is kept so it stays stopped. */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true, description = "Unsubscribe an address for good.")
final class UnsubscribeCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EMAIL")
    String email;

    UnsubscribeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String address = EmailAddress.normalise(email);
        try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
            if (!paperboy.subscriptions().unsubscribeAddress(address)) {
                throw new PaperboyException(address + ": no such subscriber");
            }
            spec.commandLine().getOut().println(address + ": unsubscribed");
            return 0;
        }
    }

}
