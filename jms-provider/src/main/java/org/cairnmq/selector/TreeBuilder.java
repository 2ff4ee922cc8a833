package org.cairnmq.selector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.cairnmq.selector.grammar.MessageSelectorBaseVisitor;
import org.cairnmq.selector.grammar.MessageSelectorParser;
import org.cairnmq.selector.grammar.MessageSelectorParser.AdditiveContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.AndExpressionContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.ApproximateLiteralContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.ArithmeticContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.BetweenContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.BooleanLiteralContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.ComparisonContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.ExactLiteralContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.ExpressionContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.IdentifierContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.InContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.IsNullContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.LikeContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.MultiplicativeContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.NotExpressionContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.OrExpressionContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.ParenthesizedContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.PredicateContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.PredicateExpressionContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.PredicateTailContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.PrimaryArithmeticContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.SelectorContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.StringLiteralContext;
import org.cairnmq.selector.grammar.MessageSelectorParser.UnaryContext;

/**
 * Builds the evaluator's {@link Expression} tree from the parse tree, and rejects what the
 * specification's prose forbids and the text alone shows: a string or boolean in arithmetic or
 * {@code BETWEEN}, values of different types compared, strings or booleans ordered with {@code <}
 * and the like, a non-condition where a condition is needed, {@code IN}, {@code LIKE} and
 * {@code IS NULL} on something other than an identifier, a bad {@code ESCAPE}, literals out of range.
 */
final class TreeBuilder extends MessageSelectorBaseVisitor<Expression> {

    private final String text;

    TreeBuilder(String text) {
        this.text = text;
    }

    Expression build(SelectorContext tree) {
        return condition(visit(tree.expression()), tree.expression(), "a selector must be a condition");
    }

    // Conditions.

    @Override
    public Expression visitNotExpression(NotExpressionContext ctx) {
        return new Not(condition(visit(ctx.expression()), ctx.expression(), "NOT needs a condition"));
    }

    @Override
    public Expression visitAndExpression(AndExpressionContext ctx) {
        List<Expression> operands = new ArrayList<>();
        for (ExpressionContext operand : chain(ctx, AndExpressionContext.class)) {
            Expression e = condition(visit(operand), operand, "AND needs conditions on both sides");
            if (e instanceof And and) {
                operands.addAll(and.operands());
            } else {
                operands.add(e);
            }
        }
        return new And(operands);
    }

    @Override
    public Expression visitOrExpression(OrExpressionContext ctx) {
        List<Expression> operands = new ArrayList<>();
        for (ExpressionContext operand : chain(ctx, OrExpressionContext.class)) {
            Expression e = condition(visit(operand), operand, "OR needs conditions on both sides");
            if (e instanceof Or or) {
                operands.addAll(or.operands());
            } else {
                operands.add(e);
            }
        }
        return new Or(operands);
    }

    /**
     * The operands of {@code a OP b OP c …}, which the parser nests to the left: collected without
     * recursion, so that a selector of thousands of ORs does not exhaust the stack.
     */
    private static List<ExpressionContext> chain(ExpressionContext ctx, Class<? extends ExpressionContext> op) {
        Deque<ExpressionContext> operands = new ArrayDeque<>();
        ExpressionContext current = ctx;
        while (op.isInstance(current)) {
            operands.addFirst(current.getRuleContext(ExpressionContext.class, 1));
            current = current.getRuleContext(ExpressionContext.class, 0);
        }
        operands.addFirst(current);
        return List.copyOf(operands);
    }

    @Override
    public Expression visitPredicateExpression(PredicateExpressionContext ctx) {
        return visit(ctx.predicate());
    }

    @Override
    public Expression visitPredicate(PredicateContext ctx) {
        Expression left = visit(ctx.arithmetic());
        PredicateTailContext tail = ctx.predicateTail();
        if (tail == null) {
            return left;
        }
        if (tail instanceof ComparisonContext comparison) {
            return comparison(left, comparison);
        }
        if (tail instanceof BetweenContext between) {
            return between(left, ctx.arithmetic(), between);
        }
        if (tail instanceof InContext in) {
            return in(left, ctx.arithmetic(), in);
        }
        if (tail instanceof LikeContext like) {
            return like(left, ctx.arithmetic(), like);
        }
        IsNullContext isNull = (IsNullContext) tail;
        return new IsNull(identifier(left, ctx.arithmetic(), "IS NULL"), isNull.NOT() != null);
    }

    private Expression comparison(Expression left, ComparisonContext ctx) {
        Expression right = visit(ctx.arithmetic());
        ComparisonOperator op = comparisonOperator(ctx.op);
        ValueType l = left.type();
        ValueType r = right.type();
        if (l != ValueType.UNKNOWN && r != ValueType.UNKNOWN && l != r) {
            throw error(ctx.op, "cannot compare " + describe(left) + " with " + describe(right));
        }
        if (op.orders()) {
            for (Expression side : List.of(left, right)) {
                if (side.type() == ValueType.STRING || side.type() == ValueType.BOOLEAN) {
                    throw error(ctx.op, "'" + op.symbol() + "' compares numbers only, not " + describe(side)
                            + " (strings and booleans allow = and <> only)");
                }
            }
        }
        return new Comparison(op, left, right);
    }

    private Expression between(Expression value, ArithmeticContext valueCtx, BetweenContext ctx) {
        numeric(value, valueCtx, "BETWEEN");
        Expression low = numeric(visit(ctx.low), ctx.low, "BETWEEN");
        Expression high = numeric(visit(ctx.high), ctx.high, "BETWEEN");
        return new Between(value, low, high, ctx.NOT() != null);
    }

    private Expression in(Expression left, ArithmeticContext leftCtx, InContext ctx) {
        Expression operand = stringIdentifier(left, leftCtx, "IN");
        Set<String> values = new LinkedHashSet<>();
        for (TerminalNode literal : ctx.STRING()) {
            values.add(unquote(literal.getSymbol()));
        }
        return new InList(operand, values, ctx.NOT() != null);
    }

    private Expression like(Expression left, ArithmeticContext leftCtx, LikeContext ctx) {
        Expression operand = stringIdentifier(left, leftCtx, "LIKE");
        int escape = -1;
        if (ctx.escape != null) {
            String escapeText = unquote(ctx.escape);
            int length = escapeText.codePointCount(0, escapeText.length());
            if (length != 1) {
                throw error(ctx.escape, "ESCAPE needs a single character, found " + length);
            }
            escape = escapeText.codePointAt(0);
        }
        try {
            return new Like(operand, LikePattern.compile(unquote(ctx.pattern), escape), ctx.NOT() != null);
        } catch (IllegalArgumentException e) {
            throw error(ctx.pattern, e.getMessage());
        }
    }

    // Arithmetic.

    @Override
    public Expression visitUnary(UnaryContext ctx) {
        boolean negate = ctx.op.getType() == MessageSelectorParser.MINUS;
        if (negate && ctx.arithmetic() instanceof PrimaryArithmeticContext primary
                && primary.primary() instanceof ExactLiteralContext exact) {
            return exactLiteral(exact.EXACT_NUMERIC().getSymbol(), true);
        }
        Expression operand = numeric(visit(ctx.arithmetic()), ctx.arithmetic(), "unary '" + ctx.op.getText() + "'");
        if (operand instanceof Literal literal) {
            Object value = literal.value();
            if (value instanceof Long l) {
                return new Literal(negate ? -l : l, ValueType.NUMERIC);
            }
            return new Literal(negate ? -(Double) value : value, ValueType.NUMERIC);
        }
        return new UnaryArithmetic(negate, operand);
    }

    @Override
    public Expression visitMultiplicative(MultiplicativeContext ctx) {
        return arithmetic(ctx.op, ctx.arithmetic(0), ctx.arithmetic(1));
    }

    @Override
    public Expression visitAdditive(AdditiveContext ctx) {
        return arithmetic(ctx.op, ctx.arithmetic(0), ctx.arithmetic(1));
    }

    private Expression arithmetic(Token opToken, ArithmeticContext leftCtx, ArithmeticContext rightCtx) {
        ArithmeticOperator op = switch (opToken.getType()) {
            case MessageSelectorParser.PLUS -> ArithmeticOperator.ADD;
            case MessageSelectorParser.MINUS -> ArithmeticOperator.SUBTRACT;
            case MessageSelectorParser.STAR -> ArithmeticOperator.MULTIPLY;
            default -> ArithmeticOperator.DIVIDE;
        };
        String what = "'" + op.symbol() + "'";
        Expression left = numeric(visit(leftCtx), leftCtx, what);
        Expression right = numeric(visit(rightCtx), rightCtx, what);
        return new Arithmetic(op, left, right);
    }

    @Override
    public Expression visitPrimaryArithmetic(PrimaryArithmeticContext ctx) {
        return visit(ctx.primary());
    }

    // Primaries.

    @Override
    public Expression visitStringLiteral(StringLiteralContext ctx) {
        return new Literal(unquote(ctx.STRING().getSymbol()), ValueType.STRING);
    }

    @Override
    public Expression visitExactLiteral(ExactLiteralContext ctx) {
        return exactLiteral(ctx.EXACT_NUMERIC().getSymbol(), false);
    }

    @Override
    public Expression visitApproximateLiteral(ApproximateLiteralContext ctx) {
        Token token = ctx.APPROXIMATE_NUMERIC().getSymbol();
        String digits = token.getText();
        char last = Character.toLowerCase(digits.charAt(digits.length() - 1));
        double value = last == 'f' ? Float.parseFloat(digits) : Double.parseDouble(digits);
        if (Double.isInfinite(value)) {
            throw error(token, "approximate numeric literal " + digits + " is out of the range of "
                    + (last == 'f' ? "float" : "double"));
        }
        return new Literal(value, ValueType.NUMERIC);
    }

    @Override
    public Expression visitBooleanLiteral(BooleanLiteralContext ctx) {
        return new Literal(ctx.TRUE() != null, ValueType.BOOLEAN);
    }

    @Override
    public Expression visitIdentifier(IdentifierContext ctx) {
        return Identifier.of(ctx.IDENTIFIER().getText());
    }

    @Override
    public Expression visitParenthesized(ParenthesizedContext ctx) {
        return visit(ctx.expression());
    }

    // Checks and helpers.

    private Expression condition(Expression e, ParserRuleContext ctx, String what) {
        if (e.type() == ValueType.BOOLEAN) {
            return e;
        }
        if (e.type() == ValueType.UNKNOWN) {
            return new BooleanValue(e);
        }
        throw error(ctx.start, what + ", found " + describe(e));
    }

    private Expression numeric(Expression e, ParserRuleContext ctx, String operator) {
        if (!e.type().fits(ValueType.NUMERIC)) {
            throw error(ctx.start, operator + " needs numbers, found " + describe(e));
        }
        return e;
    }

    private Expression identifier(Expression e, ParserRuleContext ctx, String operator) {
        if (!(e instanceof Identifier)) {
            throw error(ctx.start, operator + " applies to an identifier, found " + describe(e));
        }
        return e;
    }

    private Expression stringIdentifier(Expression e, ParserRuleContext ctx, String operator) {
        identifier(e, ctx, operator);
        if (!e.type().fits(ValueType.STRING)) {
            throw error(ctx.start, operator + " applies to strings, found " + describe(e));
        }
        return e;
    }

    private Expression exactLiteral(Token token, boolean negative) {
        String digits = token.getText();
        char last = digits.charAt(digits.length() - 1);
        if (last == 'l' || last == 'L') {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long value;
            if (digits.length() > 1 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
                value = Long.parseUnsignedLong(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.charAt(0) == '0') {
                value = Long.parseUnsignedLong(digits.substring(1), 8);
            } else {
                return new Literal(Long.parseLong(negative ? "-" + digits : digits), ValueType.NUMERIC);
            }
            return new Literal(negative ? -value : value, ValueType.NUMERIC);
        } catch (NumberFormatException e) {
            throw error(token, "exact numeric literal " + (negative ? "-" : "") + token.getText()
                    + " is out of the range of long");
        }
    }

    private static String unquote(Token stringLiteral) {
        String quoted = stringLiteral.getText();
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    private static ComparisonOperator comparisonOperator(Token op) {
        return switch (op.getType()) {
            case MessageSelectorParser.EQ -> ComparisonOperator.EQ;
            case MessageSelectorParser.NE -> ComparisonOperator.NE;
            case MessageSelectorParser.GT -> ComparisonOperator.GT;
            case MessageSelectorParser.GE -> ComparisonOperator.GE;
            case MessageSelectorParser.LT -> ComparisonOperator.LT;
            default -> ComparisonOperator.LE;
        };
    }

    private static String describe(Expression e) {
        if (e instanceof Literal literal) {
            return switch (literal.type()) {
                case NUMERIC -> "a numeric literal";
                case STRING -> "a string literal";
                default -> "a boolean literal";
            };
        }
        if (e instanceof Identifier identifier && identifier.type() != ValueType.UNKNOWN) {
            return identifier.name() + " (" + identifier.type().description() + ")";
        }
        if (e instanceof Identifier identifier) {
            return "the identifier " + identifier.name();
        }
        return switch (e.type()) {
            case NUMERIC -> "an arithmetic expression";
            case BOOLEAN -> "a condition";
            default -> e.type().description();
        };
    }

    private SelectorSyntaxException error(Token token, String reason) {
        int position = token.getStartIndex() + 1;
        return new SelectorSyntaxException(text, position, reason + " at position " + position);
    }
}
