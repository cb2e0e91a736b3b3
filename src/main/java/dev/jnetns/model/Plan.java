package dev.jnetns.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps that bring the live namespaces to what a topology file says. {@link #apply}
 * runs them and, when one fails, undoes the ones that ran, in reverse order. An empty plan means
 * there is no drift.
 */
public final class Plan {

    /** Something one step does to a namespace. */
    @FunctionalInterface
    interface Action {
        void run(Session s) throws Exception;
    }

    /** One step: the namespace it changes, what it does, and (inside the package) how, and how to undo it. */
    public static final class Step {
        private final String netns;
        private final String verb;
        private final String what;
        private final Action apply;
        private final Action undo;

        /**
         * @param netns the namespace it changes
         * @param verb "create", "change" or "delete"
         * @param what what it does, in words ("link r-a (veth, peer a-r in a)", "mtu of r-a 1400 -> 1500")
         * @param apply what {@link Plan#apply} runs
         * @param undo what rolls it back, or null
         */
        Step(String netns, String verb, String what, Action apply, Action undo) {
            this.netns = netns;
            this.verb = verb;
            this.what = what;
            this.apply = apply;
            this.undo = undo;
        }

        /** {@return the namespace it changes} */
        public String netns() {
            return netns;
        }

        /** {@return "create", "change" or "delete"} */
        public String verb() {
            return verb;
        }

        /** {@return what it does, in words ("link r-a (veth, peer a-r in a)", "mtu of r-a 1400 -> 1500")} */
        public String what() {
            return what;
        }

        Action apply() {
            return apply;
        }

        Action undo() {
            return undo;
        }

        /** {@return "NETNS: VERB WHAT"} */
        @Override
        public String toString() {
            return netns + ": " + verb + " " + what;
        }
    }

    private final List<Step> steps;

    Plan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * What the plan does.
     *
     * @return the steps in the order they run
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * Whether there is nothing to do.
     *
     * @return true when the live state already is what the file says
     */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * Runs every step; when one fails, undoes those that ran (newest first) and rethrows the
     * failure, with problems of the undo attached as suppressed exceptions.
     *
     * @param progress called with each step before it runs (may be null)
     * @throws StepFailedException when a step failed (after the rollback)
     * @throws Exception what the session's close threw
     */
    public void apply(java.util.function.Consumer<Step> progress) throws Exception {
        List<Step> done = new ArrayList<>();
        try (Session s = new Session()) {
            for (Step step : steps) {
                if (progress != null) {
                    progress.accept(step);
                }
                try {
                    step.apply().run(s);
                    done.add(step);
                } catch (Exception e) {
                    Exception failure = new StepFailedException(step, e);
                    for (int i = done.size() - 1; i >= 0; i--) {
                        Step d = done.get(i);
                        if (d.undo() != null) {
                            try {
                                d.undo().run(s);
                            } catch (Exception undo) {
                                failure.addSuppressed(undo);
                            }
                        }
                    }
                    throw failure;
                }
            }
        }
    }

    /** A step failed; everything before it was undone. */
    public static final class StepFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Step step;

        StepFailedException(Step step, Exception cause) {
            super(step + ": " + cause.getMessage() + " (rolled back)", cause);
            this.step = step;
        }

        /**
         * The step that failed.
         *
         * @return the step
         */
        public Step step() {
            return step;
        }
    }
}
