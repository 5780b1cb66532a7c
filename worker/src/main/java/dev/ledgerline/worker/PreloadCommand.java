package dev.ledgerline.worker;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import dev.ledgerline.db.LedgerSchema;
import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.ledger.submit.IntakeDecision;
import dev.ledgerline.ledger.submit.TransferIntake;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.ledger.submit.TransferRequestValidator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Puts N XA-mode transfers on {@code transfers.xa} without the server, for drills and benchmarks: the
 * QUEUED rows first (through the same intake rules as a submission, in local transactions), then one
 * persistent message per transfer, in the same format the server sends. Unlike a submission this is not
 * atomic: a preload that dies between the two steps leaves QUEUED transfers without messages, which the
 * invariant checker reports as lost. Run it while no worker holds an H2 database file.
 */
@Command(name = "preload", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Inserts N queued XA transfers and sends one message each to transfers.xa.")
final class PreloadCommand implements Callable<Integer> {

    private static final int BATCH = 100;
    private static final String DEMO_EUR_ACCOUNTS =
            "ACC-001,ACC-002,ACC-003,ACC-004,ACC-005,ACC-006,ACC-007,ACC-008,ACC-009,ACC-010";

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--count", required = true, description = "How many transfers.")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random pairs and amounts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--accounts", split = ",", defaultValue = DEMO_EUR_ACCOUNTS,
            description = "Accounts to move money between; pairs are drawn within one currency (default: the EUR demo accounts).")
    List<String> accounts;

    @Option(names = "--max-amount-minor", defaultValue = "50000",
            description = "Largest amount of one transfer, in minor units (default ${DEFAULT-VALUE}).")
    long maxAmountMinor;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || maxAmountMinor < 1) {
            throw new ParameterException(spec.commandLine(), "--count and --max-amount-minor must be positive");
        }
        connection.brokerConnectionUrl(); // a pair's URLs are checked before the ledger is touched
        LedgerDatabase database = connection.database();
        LedgerSchema.migrate(database.plain());
        List<Transfer> transfers = insert(database);
        send(transfers);
        System.out.println("preloaded " + transfers.size() + " transfers");
        return 0;
    }

    private List<Transfer> insert(LedgerDatabase database) throws SQLException {
        Random random = new Random(seed);
        // Keys unique to this run, so a second preload with the same seed adds transfers rather than replaying.
        String run = UUID.randomUUID().toString().substring(0, 8);
        TransferStore store = new TransferStore();
        List<Transfer> transfers = new ArrayList<>(count);
        try (Connection c = database.plain().getConnection()) {
            c.setAutoCommit(false);
            Map<Currency, List<String>> byCurrency = accountsByCurrency(c);
            Currency currency = byCurrency.keySet().iterator().next();
            TransferIntake intake = new TransferIntake(
                    new TransferRequestValidator(new Money(maxAmountMinor, currency).toDecimal()), Clock.systemUTC());
            List<List<String>> groups = new ArrayList<>(byCurrency.values());
            for (int i = 0; i < count; i++) {
                List<String> group = groups.get(random.nextInt(groups.size()));
                String from = group.get(random.nextInt(group.size()));
                // Uniform over the other accounts: draw among all but the last, and let the last stand in for
                // the source when the draw hits it.
                String to = group.get(random.nextInt(group.size() - 1));
                to = to.equals(from) ? group.get(group.size() - 1) : to;
                Currency cur = currencyOf(byCurrency, from);
                BigDecimal amount = new Money(1 + (long) (random.nextDouble() * maxAmountMinor), cur).toDecimal();
                TransferRequest request = new TransferRequest(from, to, amount.toPlainString(), cur.getCurrencyCode(),
                        "preload-" + run + "-" + i);
                IntakeDecision decision = intake.decide(c, request, TransferMode.XA);
                if (!(decision instanceof IntakeDecision.Accept accept)) {
                    throw new IllegalStateException("preload request " + request + " was not accepted: " + decision);
                }
                store.insert(c, accept.transfer());
                transfers.add(accept.transfer());
                if ((i + 1) % BATCH == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
        return transfers;
    }

    /** The named accounts grouped by currency; each group needs two accounts to make a pair. */
    private Map<Currency, List<String>> accountsByCurrency(Connection c) throws SQLException {
        AccountStore store = new AccountStore();
        Map<Currency, List<String>> byCurrency = new LinkedHashMap<>();
        for (String id : accounts) {
            Account account = store.find(c, id.trim()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--accounts: no account " + id + " in the ledger"));
            byCurrency.computeIfAbsent(account.currency(), k -> new ArrayList<>()).add(account.id());
        }
        byCurrency.forEach((currency, ids) -> {
            if (ids.size() < 2) {
                throw new ParameterException(spec.commandLine(), "--accounts: " + currency
                        + " has one account only (" + ids.get(0) + "); a transfer needs two of one currency");
            }
        });
        return byCurrency;
    }

    private static Currency currencyOf(Map<Currency, List<String>> byCurrency, String account) {
        return byCurrency.entrySet().stream().filter(e -> e.getValue().contains(account)).findFirst()
                .orElseThrow().getKey();
    }

    /** Persistent sends, committed a batch at a time: the broker's synchronous write per commit is the cost. */
    private void send(List<Transfer> transfers) {
        try (ActiveMQConnectionFactory factory = connection.brokerFactory();
             JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue(TransferQueue.XA.address());
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            int sent = 0;
            for (Transfer transfer : transfers) {
                producer.send(queue, TransferMessages.create(context, transfer.id()));
                if (++sent % BATCH == 0) {
                    context.commit();
                }
            }
            context.commit();
        }
    }
}
