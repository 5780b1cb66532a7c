package dev.ledgerline.bench;

import dev.ledgerline.testkit.FreePort;

/**
 * The loopback ports the benchmark's processes listen on: fixed ones if given (a shared machine may assign
 * ranges), free ones otherwise. Each scenario stops its processes before the next starts, so one port of
 * each kind is enough.
 */
record Ports(int liberty, int brokerPort, int statusPort) {

    int http() {
        return liberty == 0 ? FreePort.pick() : liberty;
    }

    int broker() {
        return brokerPort == 0 ? FreePort.pick() : brokerPort;
    }

    int status() {
        return statusPort == 0 ? FreePort.pick() : statusPort;
    }
}
