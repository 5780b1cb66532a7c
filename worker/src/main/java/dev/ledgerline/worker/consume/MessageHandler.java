package dev.ledgerline.worker.consume;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.domain.Transfer;

/** What a consumer does with one message inside its XA transaction, and after that transaction failed. */
public interface MessageHandler {

    /**
     * Does the database work for the message on a connection enlisted in the consumer's transaction. It
     * commits nothing: the consumer commits the database and the acknowledgement together.
     *
     * @return the transfer whose state this changed, logged once the transaction has committed
     */
    Optional<Transfer> handle(Connection c, Message message) throws JMSException, SQLException;

    /** Called after {@link #handle} threw and the transaction rolled back: the broker will deliver it again. */
    void failed(Message message, Exception failure);
}
