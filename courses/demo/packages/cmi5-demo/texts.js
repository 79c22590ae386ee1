// The demo AU's text in English and Spanish. The language comes from the learner's preferences
// (the cmi5LearnerPreferences agent profile the LMS writes at launch, cmi5 spec 11.1).
(function () {
  "use strict";
  var TEXTS = {
    en: {
      starting: "Starting…",
      ready: "Ready.",
      review: "You finished this activity before; nothing you do now changes your record.",
      readTitle: "Who our services reach",
      idea1: "Equal is not always equitable: the same service can reach some neighborhoods far better than others.",
      idea2: "Look at who uses a service, and who does not, before deciding it works.",
      idea3: "Ask the people a decision affects, in their language.",
      markRead: "I have read this",
      marked: "Thank you: this reading counts as done.",
      checkTitle: "Check what you learned",
      q1: "A service is open to everyone. Is it equitable?",
      q1yes: "Yes, because everyone may use it",
      q1depends: "It depends on who can actually reach and use it",
      q2: "Whom should you ask before changing a service?",
      q2people: "The people it affects, in their language",
      q2nobody: "Nobody; the data is enough",
      submit: "Submit answers",
      passed: "You passed ({score} of 2 right).",
      failed: "Not yet ({score} of 2 right). Read the ideas again and try once more.",
      exit: "Exit and return to the course",
      error: "The course could not reach the learning system. Please exit and launch it again."
    },
    es: {
      starting: "Iniciando…",
      ready: "Listo.",
      review: "Ya terminó esta actividad; lo que haga ahora no cambia su registro.",
      readTitle: "A quién llegan nuestros servicios",
      idea1: "Igual no siempre es equitativo: el mismo servicio puede llegar mucho mejor a unos vecindarios que a otros.",
      idea2: "Observe quién usa un servicio, y quién no, antes de decidir que funciona.",
      idea3: "Pregunte a las personas a quienes afecta una decisión, en su idioma.",
      markRead: "Ya leí esto",
      marked: "Gracias: esta lectura cuenta como terminada.",
      checkTitle: "Compruebe lo que aprendió",
      q1: "Un servicio está abierto a todos. ¿Es equitativo?",
      q1yes: "Sí, porque todos pueden usarlo",
      q1depends: "Depende de quién puede llegar a él y usarlo de verdad",
      q2: "¿A quién debe preguntar antes de cambiar un servicio?",
      q2people: "A las personas a quienes afecta, en su idioma",
      q2nobody: "A nadie; los datos bastan",
      submit: "Enviar respuestas",
      passed: "Aprobó ({score} de 2 correctas).",
      failed: "Todavía no ({score} de 2 correctas). Lea de nuevo las ideas e inténtelo otra vez.",
      exit: "Salir y volver al curso",
      error: "El curso no pudo comunicarse con el sistema de aprendizaje. Salga y vuelva a iniciarlo."
    }
  };
  var language = "en";

  function choose(preference) {
    var tags = String(preference || "").split(",");
    for (var i = 0; i < tags.length; i += 1) {
      var tag = tags[i].trim().toLowerCase().split("-")[0];
      if (TEXTS[tag]) {
        return tag;
      }
    }
    return "en";
  }

  window.DemoTexts = {
    apply: function (cmi5) {
      var preferences = {};
      try {
        preferences = cmi5.getLearnerPreferences() || {};
      } catch (error) {
        preferences = {};
      }
      language = choose(preferences.languagePreference);
      document.documentElement.lang = language;
      var nodes = document.querySelectorAll("[data-text]");
      for (var i = 0; i < nodes.length; i += 1) {
        nodes[i].textContent = TEXTS[language][nodes[i].getAttribute("data-text")];
      }
    },
    text: function (key, values) {
      var text = TEXTS[language][key];
      Object.keys(values || {}).forEach(function (name) {
        text = text.replace("{" + name + "}", values[name]);
      });
      return text;
    }
  };
})();
