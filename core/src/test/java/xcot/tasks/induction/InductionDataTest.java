package xcot.tasks.induction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped Instruction Induction data against docs/reference-pipeline.md §6.1 and the data README. */
class InductionDataTest {
    @Test
    void twentyTasksInThePaperOrder() {
        List<InductionTask> tasks = InductionData.tasks();
        assertEquals(20, tasks.size());
        assertEquals(List.of("cause_and_effect", "larger_animal", "num_to_verbal", "orthography_starts_with", "rhymes",
                "synonyms", "taxonomy_animal", "translation_en-fr", "reverse_from_middle", "smallest_item_length",
                "smallest_even_no_sqrt", "most_vowel_return_consonant", "detect_rhyme_and_rewrite", "rank_by_protein",
                "multi_lang_to_english", "square_of_zodiac_animal", "alternate_synonym_antonym",
                "most_consonant_return_vowel", "least_unique_word_count", "first_word_alphabetically_return_reverse"),
                tasks.stream().map(InductionTask::name).toList());
    }

    @Test
    void itemIdsDependOnThePromptCount() {
        for (InductionTask task : InductionData.tasks()) {
            int prompts = InductionData.promptCount(task.name());
            boolean original = task.origin().equals("honovich-2022");
            assertEquals(original ? 100 : 15, prompts, task.name());
            assertEquals(original ? List.of("4", "15", "36", "82", "95") : List.of("1", "2", "5", "11", "12"),
                    task.itemIds(), task.name());
        }
        assertEquals(8, InductionData.tasks().stream().filter(t -> t.origin().equals("honovich-2022")).count());
    }

    @Test
    void hundredItemsWithTheInductionPrompt() {
        List<InductionItem> items = InductionData.items();
        assertEquals(100, items.size());
        for (InductionItem item : items) {
            assertTrue(item.prompt().startsWith("I gave a friend an instruction and five inputs."), item.itemId());
            assertTrue(item.prompt().endsWith("\n\nThe instruction was"), item.itemId());
        }
        assertEquals("cause_and_effect/4", items.get(0).itemId());
        // A quirk of the published data: in this prompt a demonstration reads "tekca j" while its metadata says
        // "tekcaj". The prompt is what the models saw, so it stays as published.
        assertEquals(List.of("first_word_alphabetically_return_reverse/5"), items.stream()
                .filter(i -> !i.prompt().contains(i.examplesSeen())).map(InductionItem::itemId).toList());
    }

    @Test
    void everyTaskHasGoldAnnotations() {
        for (InductionTask task : InductionData.tasks()) {
            List<String> annotations = InductionData.annotations(task.name());
            assertTrue(annotations.size() >= 4 && annotations.size() <= 10, task.name());
            assertFalse(annotations.stream().anyMatch(String::isBlank), task.name());
        }
        assertEquals(8, InductionData.annotations("reverse_from_middle").size());
    }
}
