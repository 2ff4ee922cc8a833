package org.cairnmq.selector;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.cairnmq.selector.grammar.MessageSelectorParser;

/**
 * Turns the parser's first syntax error into a {@link SelectorSyntaxException} that names the
 * offending token and its position, and what was expected when that is short to say. ANTLR's own
 * messages ("mismatched input … expecting {…}") are not shown.
 */
final class SyntaxErrorReporter extends BaseErrorListener {

    private static final int MAX_LISTED = 4;

    private final String text;
    private final TokenStream tokens;

    SyntaxErrorReporter(String text, TokenStream tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String msg,
            RecognitionException e) {
        Token token = (Token) offendingSymbol;
        int position = token.getStartIndex() + 1;
        IntervalSet expected = ((Parser) recognizer).getExpectedTokens();
        if (e instanceof NoViableAltException noViable && noViable.getStartToken() != token) {
            expected = null; // the expected set is the one before the start token, not before this one
        }
        StringBuilder message = new StringBuilder();
        if (token.getType() == Token.EOF) {
            message.append("unexpected end of selector");
        } else if (token.getType() == MessageSelectorParser.STRING) {
            message.append("unexpected string literal ").append(token.getText());
        } else {
            message.append("unexpected '").append(token.getText()).append('\'');
        }
        message.append(" at position ").append(position);
        String hint = hint(token, expected);
        if (hint != null) {
            message.append(", ").append(hint);
        }
        throw new SelectorSyntaxException(text, position, message.toString());
    }

    private String hint(Token token, IntervalSet expected) {
        if (token.getType() == MessageSelectorParser.NULL) {
            return "test for null with IS NULL or IS NOT NULL";
        }
        if (token.getType() == MessageSelectorParser.RPAREN && unbalanced(token)) {
            return "without a matching '('";
        }
        if (expected == null || expected.isNil() || expected.toList().equals(List.of(Token.EOF))) {
            return null;
        }
        if (token.getType() == Token.EOF && expected.contains(MessageSelectorParser.RPAREN)) {
            return "expected ')'";
        }
        if (expected.contains(MessageSelectorParser.IDENTIFIER)) {
            Token previous = token.getTokenIndex() > 0 ? tokens.get(token.getTokenIndex() - 1) : null;
            return previous == null ? "expected an operand" : "expected an operand after '" + previous.getText() + "'";
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toArray()) {
            String name = describe(type);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.size() > MAX_LISTED) {
            return null;
        }
        return "expected " + join(names);
    }

    private boolean unbalanced(Token closing) {
        int depth = 0;
        for (int i = 0; i <= closing.getTokenIndex(); i++) {
            int type = tokens.get(i).getType();
            if (type == MessageSelectorParser.LPAREN) {
                depth++;
            } else if (type == MessageSelectorParser.RPAREN) {
                depth--;
            }
        }
        return depth < 0;
    }

    private static String describe(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the selector";
            case MessageSelectorParser.STRING -> "a string literal";
            case MessageSelectorParser.EXACT_NUMERIC, MessageSelectorParser.APPROXIMATE_NUMERIC -> "a number";
            case MessageSelectorParser.IDENTIFIER -> "an identifier";
            default -> MessageSelectorParser.VOCABULARY.getDisplayName(type);
        };
    }

    private static String join(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
