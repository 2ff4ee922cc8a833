package org.cairnmq.selector;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.cairnmq.selector.grammar.MessageSelectorLexer;
import org.cairnmq.selector.grammar.MessageSelectorParser;

/**
 * Turns selector text into an {@link Expression}: lexes it, reports bad characters and unterminated
 * strings, parses it with the generated parser (stopping at the first syntax error), then lets
 * {@link TreeBuilder} check types and build the tree.
 */
final class SelectorCompiler {

    private SelectorCompiler() {
    }

    static Expression compile(String text) {
        MessageSelectorLexer lexer = new MessageSelectorLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        for (Token token : tokens.getTokens()) {
            checkLexical(text, token);
        }
        MessageSelectorParser parser = new MessageSelectorParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorReporter(text, tokens));
        try {
            return new TreeBuilder(text).build(parser.selector());
        } catch (StackOverflowError e) {
            // Thousands of nested parentheses: refuse the selector rather than fail the caller's thread.
            throw new SelectorSyntaxException(text, 1, "selector nested too deeply at position 1");
        }
    }

    private static void checkLexical(String text, Token token) {
        int position = token.getStartIndex() + 1;
        switch (token.getType()) {
            case MessageSelectorLexer.UNTERMINATED_STRING -> throw new SelectorSyntaxException(text, position,
                    "unterminated string literal at position " + position);
            case MessageSelectorLexer.UNEXPECTED_CHARACTER -> throw new SelectorSyntaxException(text, position,
                    "unexpected character '" + token.getText() + "' at position " + position);
            default -> { }
        }
    }
}
