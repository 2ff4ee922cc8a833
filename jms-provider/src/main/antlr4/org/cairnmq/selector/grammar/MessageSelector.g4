/*
 * The message selector language of Jakarta Messaging 3.1 (specification section 3.8.1, and the
 * Javadoc of jakarta.jms.Message): a subset of the SQL92 conditional expression syntax.
 *
 * The grammar only recognises the syntax. Typing rules that the specification states in prose
 * (IN, LIKE and IS NULL apply to identifiers, strings compare only with = and <>, and so on) are
 * checked by org.cairnmq.selector.TreeBuilder, which turns the parse tree into the evaluator's
 * expression tree. See docs/selectors.md.
 */
grammar MessageSelector;

selector
    : expression EOF
    ;

// Logical operators in precedence order: NOT, AND, OR. Left-associative.
expression
    : NOT expression                 # notExpression
    | expression AND expression      # andExpression
    | expression OR expression       # orExpression
    | predicate                      # predicateExpression
    ;

predicate
    : arithmetic predicateTail?
    ;

predicateTail
    : op=(EQ | NE | GT | GE | LT | LE) arithmetic                          # comparison
    | NOT? BETWEEN low=arithmetic AND high=arithmetic                      # between
    | NOT? IN LPAREN STRING (COMMA STRING)* RPAREN                         # in
    | NOT? LIKE pattern=STRING (ESCAPE escape=STRING)?                     # like
    | IS NOT? NULL                                                         # isNull
    ;

// Arithmetic operators in precedence order: unary + and -, then * and /, then + and -.
arithmetic
    : op=(PLUS | MINUS) arithmetic                   # unary
    | arithmetic op=(STAR | SLASH) arithmetic        # multiplicative
    | arithmetic op=(PLUS | MINUS) arithmetic        # additive
    | primary                                        # primaryArithmetic
    ;

primary
    : STRING                         # stringLiteral
    | EXACT_NUMERIC                  # exactLiteral
    | APPROXIMATE_NUMERIC            # approximateLiteral
    | (TRUE | FALSE)                 # booleanLiteral
    | IDENTIFIER                     # identifier
    | LPAREN expression RPAREN       # parenthesized
    ;

// Keywords and the boolean literals are case-insensitive; they must come before IDENTIFIER.
NOT     : N O T;
AND     : A N D;
OR      : O R;
BETWEEN : B E T W E E N;
LIKE    : L I K E;
IN      : I N;
IS      : I S;
NULL    : N U L L;
ESCAPE  : E S C A P E;
TRUE    : T R U E;
FALSE   : F A L S E;

EQ     : '=';
NE     : '<>';
GE     : '>=';
GT     : '>';
LE     : '<=';
LT     : '<';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';
LPAREN : '(';
RPAREN : ')';
COMMA  : ',';

// A quote inside a string literal is written twice: 'literal''s'.
STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    ;

// Java integer literal syntax (decimal, hexadecimal, octal, optional L suffix), in the range of long.
// The sign is not part of the token: unary minus is folded into the literal by the tree builder.
EXACT_NUMERIC
    : ( '0' | [1-9] [0-9]* | '0' [xX] [0-9a-fA-F]+ | '0' [0-7]+ ) [lL]?
    ;

// Java floating-point literal syntax (decimal form): 7E3, 57.9E2, 7., .5, 6.2, with an optional
// f, F, d or D suffix.
APPROXIMATE_NUMERIC
    : [0-9]+ '.' [0-9]* EXPONENT? [fFdD]?
    | '.' [0-9]+ EXPONENT? [fFdD]?
    | [0-9]+ EXPONENT [fFdD]?
    | [0-9]+ [fFdD]
    ;

// Java identifier characters (Character.isJavaIdentifierStart / isJavaIdentifierPart), without the
// ASCII control characters that Java calls "ignorable".
IDENTIFIER
    : IDENTIFIER_START IDENTIFIER_PART*
    ;

WHITESPACE
    : [ \t\f\r\n]+ -> skip
    ;

// The two rules below keep the lexer from failing on its own: the compiler reports these tokens
// with their position before parsing starts.
UNTERMINATED_STRING
    : '\'' ( ~'\'' | '\'\'' )*
    ;

UNEXPECTED_CHARACTER
    : .
    ;

fragment IDENTIFIER_START
    : [a-zA-Z$_]
    | ~[\u0000-\u007F] {Character.isJavaIdentifierStart(_input.LA(-1))}?
    ;

fragment IDENTIFIER_PART
    : [a-zA-Z0-9$_]
    | ~[\u0000-\u007F] {Character.isJavaIdentifierPart(_input.LA(-1))}?
    ;

fragment EXPONENT : [eE] [+-]? [0-9]+;

fragment A : [aA];
fragment B : [bB];
fragment C : [cC];
fragment D : [dD];
fragment E : [eE];
fragment F : [fF];
fragment I : [iI];
fragment K : [kK];
fragment L : [lL];
fragment N : [nN];
fragment O : [oO];
fragment P : [pP];
fragment R : [rR];
fragment S : [sS];
fragment T : [tT];
fragment U : [uU];
fragment W : [wW];
