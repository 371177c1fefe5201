import '../intake.js';
