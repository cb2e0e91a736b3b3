/** A user's module: it needs jnetns and nothing else. */
module example.consumer {
    requires dev.jnetns;
}
