/**
 * The slice of CPython 3.11 semantics that the reference scoring code relies on, so that xcot judges answers exactly
 * as the published runs were judged: a safe evaluator for arithmetic expressions (standing in for {@code eval}),
 * {@code repr(float)}, {@code round}, {@code strptime} for {@code %m/%d/%Y}, and Python's notion of whitespace. Every
 * failure is a {@link xcot.pycompat.PyError} carrying CPython's exception text.
 */
package xcot.pycompat;
