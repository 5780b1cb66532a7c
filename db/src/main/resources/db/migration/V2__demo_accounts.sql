-- Demo accounts for the embedded default: ten owners in EUR, one with an agreed overdraft,
-- and two USD accounts so that a currency mismatch can be shown.
INSERT INTO account (id, owner, currency, opening_balance_minor, balance_minor, floor_minor) VALUES
    ('ACC-001', 'Ada Lovelace',        'EUR', 1000000, 1000000,      0),
    ('ACC-002', 'Alan Turing',         'EUR',  500000,  500000,      0),
    ('ACC-003', 'Grace Hopper',        'EUR',  250000,  250000,      0),
    ('ACC-004', 'Edsger Dijkstra',     'EUR',  750000,  750000,      0),
    ('ACC-005', 'Barbara Liskov',      'EUR',  300000,  300000,      0),
    ('ACC-006', 'Donald Knuth',        'EUR',  125000,  125000,      0),
    ('ACC-007', 'Margaret Hamilton',   'EUR',  900000,  900000,      0),
    ('ACC-008', 'Leslie Lamport',      'EUR',  600000,  600000,      0),
    ('ACC-009', 'Jim Gray',            'EUR',  450000,  450000,      0),
    ('ACC-010', 'Frances Allen',       'EUR',   10000,   10000, -50000),
    ('ACC-011', 'Tony Hoare',          'USD',  800000,  800000,      0),
    ('ACC-012', 'Radia Perlman',       'USD',  350000,  350000,      0);
