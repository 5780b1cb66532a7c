-- Which customer (a login of the server's user registry) holds which account. A customer sees only the
-- accounts listed here and the transfers that touch them, and may debit only these; any account may be
-- credited. A table rather than a column on account: an account may be held jointly, and a bank's
-- customer records change without touching the ledger.
CREATE TABLE customer_account (
    customer   VARCHAR(64) NOT NULL,
    account_id VARCHAR(32) NOT NULL,
    CONSTRAINT customer_account_pk PRIMARY KEY (customer, account_id),
    CONSTRAINT customer_account_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

-- The demo customers of server.xml's basic registry: two customers holding different accounts, so that
-- each can be shown what the other's are not.
INSERT INTO customer_account (customer, account_id) VALUES
    ('ada',  'ACC-001'),
    ('alan', 'ACC-002');
