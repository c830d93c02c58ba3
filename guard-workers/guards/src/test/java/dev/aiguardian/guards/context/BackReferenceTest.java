package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"Do they sleep through the night yet?", "Is that normal?", "How do I stop that?",
            "Where can I buy a spare one for it?", "Will those fit the old frame?", "What did her vet say?",
            "And after this?", "Why does he do that?"})
    void pointsBack(String text) {
        assertThat(BackReference.refersBack(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Is it cheaper to fly or take the train?", "What should I see this summer in Rome?",
            "How do I write a test that mocks the clock?", "Which laptop has the longest battery life?", "It's raining."})
    void doesNotPointBack(String text) {
        assertThat(BackReference.refersBack(text)).isFalse();
    }
}
