# Compares two versions of an interface and lists every change that would
# break a client built against the old one: the wire is what matters, so
# renaming a parameter is fine, but renumbering an operation, changing a
# parameter's type, or giving a number a new meaning is not.


def params_canon(op, direction):
    return [p.type.canon() for p in op.params if p.direction == direction]


def compare(old, new):
    """Return [(pos, message)] for each breaking change from old to new."""
    problems = []

    def report(pos, msg):
        problems.append((pos, msg))

    for key in ("id", "version", "endpoint"):
        a, b = getattr(old, key), getattr(new, key)
        if a != b:
            report(new.pos, "interface %s changed from %s to %s" % (key, a, b))
    old_ops = {op.name: op for op in old.ops}
    new_ops = {op.name: op for op in new.ops}
    old_by_number = {op.number: op for op in old.ops}
    old_reserved = {n for n, _ in old.reserved}
    new_reserved = {n: pos for n, pos in new.reserved}

    for op in new.ops:
        was = old_ops.get(op.name)
        if op.number in old_reserved:
            report(op.pos, "operation '%s' reuses number %d, which was reserved" % (op.name, op.number))
        elif op.number in old_by_number and old_by_number[op.number].name != op.name:
            report(op.pos, "operation '%s' reuses number %d of operation '%s'"
                   % (op.name, op.number, old_by_number[op.number].name))
        if was is None:
            continue
        if was.number != op.number:
            report(op.pos, "operation '%s' was renumbered from %d to %d" % (op.name, was.number, op.number))
        for direction in ("in", "out"):
            a, b = params_canon(was, direction), params_canon(op, direction)
            if len(a) != len(b):
                report(op.pos, "operation '%s': its %s parameters changed from (%s) to (%s)"
                       % (op.name, direction, ", ".join(a), ", ".join(b)))
                continue
            olds = [q for q in was.params if q.direction == direction]
            news = [q for q in op.params if q.direction == direction]
            for qa, qb in zip(olds, news):
                if qa.type.canon() != qb.type.canon():
                    a, b = qa.type.name, qb.type.name
                    if a == b:      # same name, different insides (an enum or struct changed)
                        a, b = qa.type.canon(), qb.type.canon()
                    report(qb.pos, "operation '%s': %s parameter '%s' changed type from %s to %s"
                           % (op.name, direction, qb.name, a, b))
    for op in old.ops:
        reused = any(o.number == op.number for o in new.ops)
        if op.name not in new_ops and op.number not in new_reserved and not reused:
            report(op.pos, "operation '%s' (%d) was removed without reserving its number"
                   % (op.name, op.number))
    for n, pos in old.reserved:
        if n not in new_reserved and not any(op.number == n for op in new.ops):
            report(pos, "reserved number %d is no longer reserved" % n)
    return problems
