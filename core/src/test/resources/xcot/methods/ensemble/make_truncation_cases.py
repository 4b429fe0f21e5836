"""Writes truncation-cases.jsonl: inputs and CPython's output of the reference truncate_to_last_sentence, as
docs/reference-pipeline.md §9 step 2 states it. Run with CPython 3.11 from this directory; the Java test only reads the file."""
import json
import random
import re


def truncate_to_last_sentence(text):
    text = text.strip()
    last_end = None
    for m in re.finditer(r'(?<!\d)([.!?])(?=\s|$|[A-Z])', text):
        word = text[:m.end()].split()[-1].strip()
        if (re.match(r'\d+\.\d+$', word)
                or re.match(r'[A-Za-z]{1,4}\.$', word, re.IGNORECASE)
                or re.match(r'(?:[A-Za-z]{1,4}\.){2,}$', word)):
            continue
        last_end = m.end()
    if last_end is None:
        return text
    return text[:last_end].strip()


FIXED = [
    "", "   ", "No boundary here", "The dose is 5 mg. Then", "Score is 3.5 points. Next we",
    "It is. Done", "We check the note. Next step", "e.g. this. And", "U.S.A. is big. Then",
    "Value 12. Then", "Wait! What? Yes.", "End.", "a.B", "Stop.Next", "Stop. next", "Stop.\nNext",
    "\u00a0Lead space. Tail\u00a0", "Ends with ellipsis... and", "Quote.\" Then", "The patient\u2019s BMI is 31.2.",
    "\u0131s. ok", "K\u212a. ok", "\u017f. x", "Ab\u0130. z", "Digits \u0663. x", "Word.\u2003Next", "Twelve words.",
    "First sentence. Second sentence! Third", "x." , "Calc: 4 + 5 = 9. Then 9.", "(see Fig. 2). Next",
    "Approximately 70 kg. The weight.", "Heart rate is 88 bpm.The", "So the answer is 42.", "i.e. Then",
    "Mr. Smith arrived. He", "He said \"stop.\" Then", "\U0001d7ce. x", "abc.def. ghi", "abcde. x",
]

ALPHABET = list("abcdeXYZ .!?\n\t0123456789,;:\"'()-") + ["\u00a0", "\u2003", "\u0663", "\u017f", "\u212a",
                                                           "\u0131", "\u00e9", "\u4e2d", "\U0001f600"]
WORDS = ["the", "note", "is", "e.g.", "i.e.", "Dr.", "mg.", "3.5", "12.", "U.S.", "BMI", "score", "Then",
         "patient", "calc.", "wait!", "why?", "ok.", "A.", "end.", "heartbe", "ats."]


def random_text(rng):
    if rng.random() < 0.5:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
    return "".join(rng.choice(WORDS) + rng.choice([" ", "  ", "\n", "", "."]) for _ in range(rng.randint(0, 12)))


def main():
    rng = random.Random(20260601)
    cases = FIXED + [random_text(rng) for _ in range(3000)]
    with open("truncation-cases.jsonl", "w", encoding="utf-8") as out:
        for text in cases:
            out.write(json.dumps({"input": text, "expected": truncate_to_last_sentence(text)},
                                 ensure_ascii=True) + "\n")


main()
