import '../board.js';
