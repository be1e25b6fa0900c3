-- The group an actor's chapter is printed under in a cycle's consolidated
-- report ("E. Secretaría Ejecutiva para el Desarrollo Integral", "H. Actores
-- adicionales del Programa"), set by the secretariat per cycle.
ALTER TABLE "cycle_actors" ADD COLUMN "chapter_group" text;
