package xcot.bindgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@code MemoryLayout.structLayout(...)} expression of a record from clang's offsets, with padding
 * layouts exactly where clang leaves gaps. Sizes of the elements come from the Java layouts; any disagreement with
 * clang (overlap, a gap at least as large as the next field's alignment, a different size or alignment) stops the
 * generator rather than emitting a layout that could be silently wrong.
 */
final class LayoutBuilder {
    private final JavaTypes javaTypes;
    private final String header;

    LayoutBuilder(JavaTypes javaTypes, String header) {
        this.javaTypes = javaTypes;
        this.header = header;
    }

    /** The layout expression of {@code model}'s own record. */
    String layout(StructModel model) {
        return expression(model.record(), model.layoutName());
    }

    private String expression(Ast.Record r, String name) {
        String context = r.pos() + ": " + r.cName();
        RecordLayout clang = javaTypes.layout(r, context);
        boolean union = r.tag() == CType.Tag.UNION;
        List<String> elements = new ArrayList<>();
        long cursor = 0;
        long maxAlign = 1;
        for (int i = 0; i < r.fields().size(); i++) {
            Ast.Field field = r.fields().get(i);
            long offset = clang.fieldOffsetsBytes().get(i);
            CType resolved = javaTypes.types().resolve(field.type());
            String element;
            long size;
            long align;
            if (field.anonymous() || (resolved instanceof CType.Tagged t && t.anonymous())) {
                Ast.Record member = javaTypes.types().record((CType.Tagged) resolved);
                RecordLayout memberLayout = javaTypes.layout(member, context);
                element = field.anonymous()
                        ? expression(member, StructModel.anonymousName(member))
                        : Names.java(field.name()) + ".layout().withName(\"" + field.name() + "\")";
                size = memberLayout.sizeBytes();
                align = memberLayout.alignBytes();
            } else {
                JType type = javaTypes.of(field.type(), context + "." + field.name());
                element = type.layoutExpression(header) + ".withName(\"" + field.name() + "\")";
                size = type.sizeBytes();
                align = type.alignBytes();
            }
            String what = context + " field " + (field.anonymous() ? "<anonymous>" : field.name());
            if (union) {
                if (offset != 0) {
                    throw new BindgenException(what + ": union member at offset " + offset);
                }
                cursor = Math.max(cursor, size);
            } else {
                if (offset < cursor) {
                    throw new BindgenException(what + ": clang puts it at " + offset + " but the previous field ends at " + cursor);
                }
                long gap = offset - cursor;
                if (gap >= align) {
                    throw new BindgenException(what + ": gap of " + gap + " bytes before it is not alignment padding"
                            + " (size assumptions disagree with clang)");
                }
                if (gap > 0) {
                    elements.add("MemoryLayout.paddingLayout(" + gap + ")");
                }
                cursor = offset + size;
            }
            if (offset % align != 0) {
                throw new BindgenException(what + ": offset " + offset + " is not a multiple of its alignment " + align);
            }
            maxAlign = Math.max(maxAlign, align);
            elements.add(element);
        }
        long tail = clang.sizeBytes() - cursor;
        if (tail < 0 || tail >= maxAlign) {
            throw new BindgenException(context + ": clang's size " + clang.sizeBytes() + " disagrees with the fields' end at " + cursor);
        }
        if (tail > 0) {
            elements.add("MemoryLayout.paddingLayout(" + (union ? clang.sizeBytes() : tail) + ")");
        }
        if (maxAlign != clang.alignBytes()) {
            throw new BindgenException(context + ": clang aligns it to " + clang.alignBytes() + " bytes, its fields to " + maxAlign);
        }
        StringBuilder sb = new StringBuilder(union ? "MemoryLayout.unionLayout(" : "MemoryLayout.structLayout(");
        for (int i = 0; i < elements.size(); i++) {
            sb.append("\n    ").append(elements.get(i).replace("\n", "\n    ")).append(i + 1 < elements.size() ? "," : "");
        }
        return sb.append("\n).withName(\"").append(name).append("\")").toString();
    }
}
