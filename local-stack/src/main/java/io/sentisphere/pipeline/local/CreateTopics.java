package io.sentisphere.pipeline.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code bin/create-topics}: creates the contract topics on any cluster with the contract's
 * settings and the layout given as options, and reports drift on topics that exist. Idempotent:
 * run it on every deployment.
 *
 * <pre>
 * bin/create-topics --bootstrap-server broker-1:9092,broker-2:9092 --replication-factor 3 --min-insync-replicas 2
 * bin/create-topics --bootstrap-server 127.0.0.1:9092 --replication-factor 1 --check
 * </pre>
 *
 * <p>Exit status: 0 every topic matches its definition (created or already so); 3 drift remains
 * (listed, one line per difference); 2 bad options; 1 the cluster refused or could not be reached.
 */
public final class CreateTopics {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int DRIFT = 3;

    private CreateTopics() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without exiting: its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        OptionParser parser = new OptionParser();
        OptionSpec<String> bootstrap = parser.accepts("bootstrap-server", "the cluster: host:port[,host:port...]")
                .withRequiredArg()
                .required();
        OptionSpec<Integer> replication = parser.accepts("replication-factor", "replicas of every partition")
                .withRequiredArg()
                .ofType(Integer.class)
                .defaultsTo(3);
        OptionSpec<Integer> minIsr = parser.accepts(
                        "min-insync-replicas",
                        "min.insync.replicas of every topic (default: 2, or 1 with a replication factor of 1)")
                .withRequiredArg()
                .ofType(Integer.class);
        OptionSpec<Integer> eventsPartitions = parser.accepts(
                        "events-partitions",
                        "partitions of dashboard.events.v1 (stats-stream repartitions more than 1)")
                .withRequiredArg()
                .ofType(Integer.class)
                .defaultsTo(1);
        OptionSpec<Path> commandConfig = parser.accepts(
                        "command-config", "client properties (security.protocol, sasl.*, ssl.*) for a managed cluster")
                .withRequiredArg()
                .withValuesConvertedBy(new joptsimple.util.PathConverter());
        parser.accepts("check", "report what would be created and any drift; change nothing");
        parser.accepts("alter-configs", "set drifted topic settings to the contract's values");
        parser.accepts("help").forHelp();
        OptionSet options;
        ContractTopics.Layout layout;
        try {
            options = parser.parse(args);
            if (options.has("help")) {
                parser.printHelpOn(out);
                return OK;
            }
            int factor = options.valueOf(replication);
            int isr = options.has(minIsr) ? options.valueOf(minIsr) : Math.min(2, factor);
            if (factor > Short.MAX_VALUE || isr < 1) {
                throw new IllegalArgumentException("replication factor and min.insync.replicas must be at least 1");
            }
            layout = new ContractTopics.Layout(options.valueOf(eventsPartitions), (short) factor, isr);
            if (options.has("check") && options.has("alter-configs")) {
                throw new IllegalArgumentException(
                        "--check changes nothing; it cannot be combined with --alter-configs");
            }
        } catch (OptionException | IllegalArgumentException e) {
            err.println("create-topics: " + e.getMessage() + " (--help lists the options)");
            return USAGE;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }

        Map<String, Object> config = new HashMap<>();
        if (options.has(commandConfig)) {
            try (Reader reader = Files.newBufferedReader(options.valueOf(commandConfig))) {
                Properties properties = new Properties();
                properties.load(reader);
                properties.forEach((k, v) -> config.put((String) k, v));
            } catch (IOException e) {
                err.println("create-topics: cannot read " + options.valueOf(commandConfig) + ": " + e.getMessage());
                return USAGE;
            }
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.valueOf(bootstrap));
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);

        List<TopicProvisioner.Outcome> outcomes;
        try (Admin admin = Admin.create(config)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin);
            outcomes = options.has("check")
                    ? provisioner.check(ContractTopics.definitions(layout))
                    : provisioner.apply(ContractTopics.definitions(layout), options.has("alter-configs"));
        } catch (IllegalStateException e) {
            err.println("create-topics: " + e.getMessage());
            return FAILED;
        }
        outcomes.forEach(outcome -> out.println(describe(outcome)));
        return outcomes.stream().allMatch(TopicProvisioner.Outcome::inLine) ? OK : DRIFT;
    }

    static String describe(TopicProvisioner.Outcome outcome) {
        if (outcome instanceof TopicProvisioner.Created c) {
            return "created  %s (%d partition(s), replication factor %d)"
                    .formatted(c.topic(), c.partitions(), c.replicationFactor());
        }
        if (outcome instanceof TopicProvisioner.WouldCreate c) {
            return "missing  %s (would create: %d partition(s), replication factor %d)"
                    .formatted(c.topic(), c.partitions(), c.replicationFactor());
        }
        if (outcome instanceof TopicProvisioner.Altered a) {
            return "altered  " + a.topic() + lines(a.changes());
        }
        if (outcome instanceof TopicProvisioner.Drifted d) {
            return "DRIFT    " + d.topic() + lines(d.differences());
        }
        return "ok       " + outcome.topic();
    }

    private static String lines(List<String> items) {
        StringBuilder text = new StringBuilder();
        items.forEach(item ->
                text.append(System.lineSeparator()).append("           ").append(item));
        return text.toString();
    }
}
